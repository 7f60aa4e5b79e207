#!/usr/bin/env bash
# Turns the WINDOWS_CERTIFICATE secret into a .pfx file and prints the SHA-1
# thumbprint of the certificate that holds the private key: the one signtool
# must sign with (tauri.conf.json bundle.windows.certificateThumbprint).
#
#   WINDOWS_CERTIFICATE=... WINDOWS_CERTIFICATE_PASSWORD=... \
#     scripts/release/windows-certificate.sh OUT.pfx
#
# The secret is the .pfx in base64, in either form people make it:
#   - `certutil -encode signing.pfx signing.txt` on Windows: 64-column lines
#     between -----BEGIN CERTIFICATE----- and -----END CERTIFICATE-----, CRLF;
#   - plain base64 on one line (`base64 -w0`, `openssl base64 -A`, or
#     PowerShell's [Convert]::ToBase64String).
# A .pfx exported "with all certificates in the certification path" also holds
# the issuing CAs; taking its first certificate, or all of them, signs with the
# wrong one or fails. The certificate whose public key matches the private key
# is the signing one, whatever the order.
#
# Runs on the Windows runner under Git Bash (`shell: bash`), which has bash,
# base64, awk and OpenSSL 3; and on Linux and macOS (the suite tests it there).
# The private key never touches the disk unencrypted: it only passes through
# a pipe to have its public half compared. Nothing secret is printed.
# Exit status: 0 and the thumbprint on stdout; 1 with the reason on stderr.
set -euo pipefail

fail() {
  echo "windows-certificate: $*" >&2
  [ -z "${out:-}" ] || rm -f -- "$out"
  exit 1
}

[ $# -eq 1 ] || {
  echo "usage: WINDOWS_CERTIFICATE=... WINDOWS_CERTIFICATE_PASSWORD=... $0 OUT.pfx" >&2
  exit 2
}
out=$1
command -v openssl >/dev/null || fail "openssl is not installed (on Windows runners it comes with Git Bash)"

# certutil's BEGIN/END lines and every line break and space go; what is left
# must be base64 and nothing else, or the secret was pasted wrong.
encoded=$(printf '%s' "${WINDOWS_CERTIFICATE:-}" | tr -d '\r' | grep -v -- '^-----' | tr -d ' \t\n' || true)
[ -n "$encoded" ] || fail "WINDOWS_CERTIFICATE is empty (or holds only BEGIN/END lines)"
if ! printf '%s' "$encoded" | grep -Eq '^[A-Za-z0-9+/]+={0,2}$' || [ $((${#encoded} % 4)) -ne 0 ]; then
  fail "WINDOWS_CERTIFICATE is not base64: make it with certutil -encode or base64 (docs/RELEASING.md)"
fi
printf '%s' "$encoded" | openssl base64 -d -A >"$out" || fail "WINDOWS_CERTIFICATE could not be decoded from base64"

# OpenSSL reads the password from the environment, never the command line.
export WINDOWS_CERTIFICATE_PASSWORD="${WINDOWS_CERTIFICATE_PASSWORD-}"
pkcs12() {
  # A .pfx from older Windows tools uses RC2/3DES, which OpenSSL 3 reads only
  # with its legacy provider.
  openssl pkcs12 -in "$out" -passin env:WINDOWS_CERTIFICATE_PASSWORD "$@" 2>/dev/null ||
    openssl pkcs12 -legacy -in "$out" -passin env:WINDOWS_CERTIFICATE_PASSWORD "$@" 2>/dev/null
}

certificates=$(pkcs12 -nokeys) ||
  fail "the decoded secret is not a .pfx (PKCS#12) file, or WINDOWS_CERTIFICATE_PASSWORD does not open it"
key_public=$(pkcs12 -nocerts -nodes | openssl pkey -pubout 2>/dev/null) ||
  fail "the .pfx holds no private key: export it again with the private key (Export-PfxCertificate does; 'Yes, export the private key' in the wizard)"

# Each certificate in turn; the first whose public key is the key's is printed.
thumbprint=""
count=0
while IFS= read -r -d $'\x1e' pem; do
  [ -n "$pem" ] || continue
  count=$((count + 1))
  public=$(printf '%s\n' "$pem" | openssl x509 -noout -pubkey 2>/dev/null) || continue
  if [ "$public" = "$key_public" ]; then
    fingerprint=$(printf '%s\n' "$pem" | openssl x509 -noout -fingerprint -sha1)
    thumbprint=$(printf '%s' "${fingerprint#*=}" | tr -d ':' | tr '[:lower:]' '[:upper:]')
    break
  fi
done < <(printf '%s\n' "$certificates" | awk '
  /-----BEGIN CERTIFICATE-----/ { inside = 1; block = "" }
  inside { block = block $0 "\n" }
  /-----END CERTIFICATE-----/ { inside = 0; printf "%s\036", block }
')

[ "$count" -gt 0 ] || fail "the .pfx holds no certificate"
[ -n "$thumbprint" ] || fail "none of the $count certificates in the .pfx matches its private key"
printf '%s\n' "$thumbprint"
