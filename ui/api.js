// The only file that touches Tauri. Every other module calls these functions
// and gets plain data back; failures are always {kind, message}.

const core = window.__TAURI__?.core;

function asIpcError(e) {
  if (e && typeof e === 'object' && typeof e.kind === 'string') return e;
  return { kind: 'internal', message: String(e?.message ?? e) };
}

async function call(command, args = {}) {
  if (!core) throw { kind: 'internal', message: 'Sign-in Doctor must run inside its app window.' };
  try {
    return await core.invoke(command, args);
  } catch (e) {
    throw asIpcError(e);
  }
}

/** The checklist's rows, before any run. */
export const listChecks = () => call('list_checks');

/**
 * Runs every check. `onEvent` receives each progress event as it happens:
 * run_started, check_running, check_finished, run_finished.
 * Resolves to the run summary; rejects with kind "cancelled" when a newer run replaced it.
 */
export async function runChecks(onEvent) {
  if (!core) throw { kind: 'internal', message: 'Sign-in Doctor must run inside its app window.' };
  const channel = new core.Channel();
  channel.onmessage = onEvent;
  return call('run_checks', { onEvent: channel });
}

export const cancelRun = () => call('cancel_run');

/** The settings in effect, where each came from, and any config problems. */
export const getProfile = () => call('get_profile');

/** Saves [{key, value}] edits (empty value = back to default); resolves to the new profile. */
export const saveSettings = (edits) => call('save_settings', { edits });

export const copyText = (text) => call('copy_text', { text });

/**
 * Signs in again in the system browser. `prompt` is "select_account" or
 * "login"; `onProgress` receives {stage: "waiting_for_browser" | "exchanging_code", …}.
 * Resolves to the attempt: {flow, client_request_id, started_at, outcome: {kind, …}}.
 */
export async function reauthenticate(prompt, onProgress) {
  if (!core) throw { kind: 'internal', message: 'Sign-in Doctor must run inside its app window.' };
  const channel = new core.Channel();
  channel.onmessage = onProgress;
  return call('reauthenticate', { prompt, onProgress: channel });
}

/** Signs in with a code entered on another device; progress includes {stage: "device_code_shown", user_code, verification_uri, …}. */
export async function signInOnAnotherDevice(onProgress) {
  if (!core) throw { kind: 'internal', message: 'Sign-in Doctor must run inside its app window.' };
  const channel = new core.Channel();
  channel.onmessage = onProgress;
  return call('sign_in_on_another_device', { onProgress: channel });
}

export const cancelSignIn = () => call('cancel_sign_in');

/** Ends the wait with the error page's details the user pasted. */
export const pasteSignInError = (text) => call('paste_sign_in_error', { text });

/** Deletes the saved sign-in from this computer's keychain. */
export const forgetMe = () => call('forget_me');

/** Deletes the help-desk sign-in (memory and keychain); resolves to the engine's words. */
export const forgetHelpDeskSignIn = () => call('forget_help_desk_sign_in');

/** Decodes a pasted token on this computer: {kind, header, claims, explained_claims, expires_at, verdicts, …}. */
export const inspectToken = (text) => call('inspect_token', { text });

/** The sign-in's own token ("id_token" or "access_token"), decoded; never the raw text. */
export const inspectSessionToken = (which) => call('inspect_session_token', { which });

/** The sign-in's raw token, for an explicit Reveal. */
export const revealSessionToken = (which) => call('reveal_session_token', { which });

/** Explains pasted error text: {code, name, other_codes, error, trace_id, correlation_id, timestamp, app_id, category, who_fixes, summary, steps}. */
export const explainError = (text) => call('explain_error', { text });

/**
 * Open a log file…: the native dialog, then the engine reads the file itself (never through the web view).
 * Resolves to {file_name, bytes, read_words, explanation}, or null if cancelled.
 */
export const explainLogFile = () => call('explain_log_file');

/** Copies the help-desk packet (Markdown, never a token) and resolves to its text. */
export const copyHelpDeskPacket = (maskPersonal, pasted) => call('copy_help_desk_packet', { maskPersonal, pasted });

/** Saves the packet as Markdown, HTML or JSON where the user chooses; resolves to the path, or null if cancelled. */
export const exportHelpDeskPacket = (maskPersonal, pasted) => call('export_help_desk_packet', { maskPersonal, pasted });

/** Past runs, newest first; with a code, only the runs that named it. */
export const listHistory = (code) => call('list_history', code ? { code } : {});

/** The About box's facts: {name, version, licence, help_page}. */
export const about = () => call('about');

/** Opens the help page in the system browser (the address is fixed in the app). */
export const openHelpPage = () => call('open_help_page');

/** Open packet…: the native open dialog; resolves to {file, reading, problem}, or null if cancelled. */
export const openPacket = () => call('open_packet');

/** Reads a pasted packet or any error text: {kind, request_id, correlation_id, timestamp, user ({text, personal, masked, what}), error_code, what_if, notes, …}. */
export const readPacket = (text) => call('read_packet', { text });

/** `onPacket` receives {file, reading, problem} for each packet file the system hands the app (a double-click). */
export async function watchOpenedPackets(onPacket) {
  if (!core) throw { kind: 'internal', message: 'Sign-in Doctor must run inside its app window.' };
  const channel = new core.Channel();
  channel.onmessage = onPacket;
  return call('watch_opened_packets', { onPacket: channel });
}

/**
 * Signs in as help-desk (the system browser, a profile of its own) and looks up the sign-in the
 * packet read last names. `onProgress` receives each step as the engine words it:
 * {kind: "checking_saved_sign_in" | "waiting_for_browser" | "signed_in" | "querying" | "waiting" | …, words, …};
 * a wait comes again each second with its `next_try_in_seconds`.
 * Resolves to the answer: {found, sign_in, blocking_policies, report_only_failures, what_if, matches, problem}.
 */
export async function lookUpAsHelpDesk(onProgress) {
  if (!core) throw { kind: 'internal', message: 'Sign-in Doctor must run inside its app window.' };
  const channel = new core.Channel();
  channel.onmessage = onProgress;
  return call('look_up_as_help_desk', { onProgress: channel });
}

export const cancelHelpDeskLookup = () => call('cancel_help_desk_lookup');

/** Copies the last answer as a redacted Markdown summary for the ticket, and resolves to it. */
export const copyHelpDeskAnswer = (maskPersonal) => call('copy_help_desk_answer', { maskPersonal });
