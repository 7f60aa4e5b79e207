#!/usr/bin/env python3
"""Writes the fuzz targets' seed inputs into fuzz/seeds/<target>/ (committed).

Each seed is a small valid example of what a target reads, or one with a
number at chrono's limits or past every integer type. Signed ID tokens are
signed with the token table's test key (crates/doctor/tests/fixtures/token)
by `openssl dgst`. Run from anywhere: python3 fuzz/seeds/make-seeds.py
"""
import base64, json, os, subprocess, struct, sys
ROOT = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(ROOT, '..', '..', 'crates', 'doctor', 'tests', 'fixtures')
KEY = os.path.join(FIXTURES, 'token', 'issuer-test-key.pem')
N = open(os.path.join(FIXTURES, 'token', 'issuer-test-key.n.b64url')).read().strip()
US = '\x1f'

def b64(b):
    if isinstance(b, str): b = b.encode()
    return base64.urlsafe_b64encode(b).rstrip(b'=').decode()

def sign(header, claims):
    h = b64(json.dumps(header, separators=(',', ':')))
    c = b64(claims if isinstance(claims, str) else json.dumps(claims, separators=(',', ':')))
    inp = f"{h}.{c}".encode()
    sig = subprocess.run(["openssl", "dgst", "-sha256", "-sign", KEY], input=inp, capture_output=True, check=True).stdout
    return f"{h}.{c}.{b64(sig)}"

def unsigned(header, claims):
    return f"{b64(json.dumps(header))}.{b64(claims if isinstance(claims, str) else json.dumps(claims))}."

def write(target, name, content):
    d = os.path.join(ROOT, target); os.makedirs(d, exist_ok=True)
    if isinstance(content, str): content = content.encode()
    open(os.path.join(d, name), 'wb').write(content)

# Numbers past every limit, written raw into JSON (as a server could send them).
LIMITS = {
    'i64-max': '9223372036854775807', 'i64-min': '-9223372036854775808',
    'u64-max': '18446744073709551615', 'past-u64': '99999999999999999999999',
    'float-1e308': '1e308', 'minus-1': '-1', 'zero': '0', 'fraction': '1.5',
    'year-9999': '253402300799', 'chrono-max': '8210298412799', 'chrono-min': '-8334601228800',
    'past-chrono-max': '8210298412800', 'nan-string': '"NaN"', 'infinity-string': '"Infinity"',
    'string-number': '"3599"', 'null': 'null',
}
CLIENT = "11111111-2222-3333-4444-555555555555"
TENANT = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"
NOW = 1800000000
def id_claims(**over):
    c = {"aud": CLIENT, "iss": f"https://login.microsoftonline.com/{TENANT}/v2.0", "tid": TENANT,
         "sub": "s", "oid": "o", "nonce": "n-1", "preferred_username": "alice@contoso.example", "name": "Alice Example",
         "iat": NOW - 300, "nbf": NOW - 300, "exp": NOW + 3300, "ver": "2.0"}
    c.update(over); return c
def claims_with_raw(name, raw):
    # JSON text with one claim's value written raw (numbers past what json.dumps would write).
    c = id_claims(); c[name] = "@@RAW@@"
    return json.dumps(c).replace('"@@RAW@@"', raw)

ID_TOKEN = sign({"alg": "RS256", "typ": "JWT", "kid": "key-1"}, id_claims())

# ---- token_answers
ok = {"token_type": "Bearer", "scope": "openid profile offline_access https://graph.microsoft.com/User.Read",
      "expires_in": 3599, "ext_expires_in": 3599, "access_token": "eyJ0eXAiOiJKV1QiLCJub25jZSI6ImFjY2Vzcy10b2tlbiJ9.e30.c2ln",
      "refresh_token": "0.AAAAsecret-refresh-token-bytes", "id_token": ID_TOKEN}
write('token_answers', 'token-answer.json', json.dumps(ok))
for name, raw in LIMITS.items():
    write('token_answers', f'token-answer-expires-in-{name}.json', json.dumps(dict(ok, expires_in="@@")).replace('"@@"', raw))
write('token_answers', 'token-answer-no-id-token.json', json.dumps({"token_type": "Bearer", "access_token": "a", "expires_in": 1}))
write('token_answers', 'token-answer-id-token-not-a-jwt.json', json.dumps(dict(ok, id_token="not a jwt")))
err = {"error": "invalid_grant", "error_description": "AADSTS53003: Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.\r\nTrace ID: 0b6b1e0e-5c7d-4a7b-9d7e-1f2a3b4c5d6e\r\nCorrelation ID: 7c1f0c9e-3a2b-4c5d-8e9f-0a1b2c3d4e5f\r\nTimestamp: 2023-05-29 05:46:34Z",
       "error_codes": [53003], "timestamp": "2023-05-29 05:46:34Z", "trace_id": "0b6b1e0e-5c7d-4a7b-9d7e-1f2a3b4c5d6e",
       "correlation_id": "7c1f0c9e-3a2b-4c5d-8e9f-0a1b2c3d4e5f", "error_uri": "https://login.microsoftonline.com/error?code=53003", "suberror": "message_only"}
write('token_answers', 'error-aadsts53003.json', json.dumps(err))
write('token_answers', 'error-interaction-required-claims.json', json.dumps({"error": "interaction_required", "error_description": "AADSTS50076: Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access '00000003-0000-0000-c000-000000000000'.", "error_codes": [50076], "suberror": "basic_action", "claims": "{\"access_token\":{\"capolids\":{\"essential\":true,\"values\":[\"1\"]}}}"}))
write('token_answers', 'error-authorization-pending.json', json.dumps({"error": "authorization_pending", "error_description": "AADSTS70016: OAuth 2.0 device flow error. Authorization is pending. Continue polling.", "error_codes": [70016]}))
for name, raw in [('u32-max', '[4294967295]'), ('past-u32', '[4294967296]'), ('minus-1', '[-1]'), ('huge', '[99999999999999999999999]'), ('float', '[53003.5]')]:
    write('token_answers', f'error-codes-{name}.json', json.dumps(dict(err, error_codes="@@")).replace('"@@"', raw))
for name, ts in [('year-0', '0000-01-01 00:00:00Z'), ('year-9999', '9999-12-31 23:59:59.9999999Z'), ('chrono-max', '+262143-12-31 23:59:59Z'), ('year-275760', '275760-09-13 00:00:00Z'), ('iso', '2024-01-02T03:04:05.1234567Z'), ('leap-second', '2016-12-31 23:59:60Z')]:
    write('token_answers', f'error-timestamp-{name}.json', json.dumps(dict(err, timestamp=ts, error_description="AADSTS53003: Blocked. Timestamp: " + ts)))
write('token_answers', 'error-long-description-control-characters.json', json.dumps(dict(err, error_description="AADSTS50058: " + "x" * 400 + "\u0007\u001b[31m\u2028next")))
dev = {"user_code": "ABCD-EFGH", "device_code": "DAQABAAEAAAAsecret", "verification_uri": "https://microsoft.com/devicelogin",
       "expires_in": 900, "interval": 5, "message": "To sign in, use a web browser to open the page https://microsoft.com/devicelogin and enter the code ABCD-EFGH to authenticate."}
write('token_answers', 'device-authorization.json', json.dumps(dev))
write('token_answers', 'device-authorization-verification-url.json', json.dumps({k: v for k, v in dev.items() if k != 'verification_uri'} | {"verification_url": "https://microsoft.com/devicelogin"}))
for name, raw in LIMITS.items():
    write('token_answers', f'device-authorization-expires-in-{name}.json', json.dumps(dict(dev, expires_in="@@")).replace('"@@"', raw))
    write('token_answers', f'device-authorization-interval-{name}.json', json.dumps(dict(dev, interval="@@")).replace('"@@"', raw))

# ---- id_token_validation: the token alone (the fixed key set is the test issuer's)
write('id_token_validation', 'signed-rs256.txt', ID_TOKEN)
for claim in ['exp', 'iat', 'nbf']:
    for name, raw in LIMITS.items():
        write('id_token_validation', f'signed-{claim}-{name}.txt', sign({"alg": "RS256", "typ": "JWT", "kid": "key-1"}, claims_with_raw(claim, raw)))
write('id_token_validation', 'signed-no-kid.txt', sign({"alg": "RS256", "typ": "JWT"}, id_claims()))
write('id_token_validation', 'signed-unknown-kid.txt', sign({"alg": "RS256", "typ": "JWT", "kid": "rolled"}, id_claims()))
write('id_token_validation', 'signed-other-audience.txt', sign({"alg": "RS256", "kid": "key-1"}, id_claims(aud=["x", CLIENT])))
write('id_token_validation', 'alg-none.txt', unsigned({"alg": "none"}, id_claims()))
write('id_token_validation', 'alg-hs256.txt', unsigned({"alg": "HS256", "kid": "key-1"}, id_claims())[:-1] + b64("sig"))
jwks = json.dumps({"keys": [{"kty": "RSA", "kid": "key-1", "use": "sig", "n": N, "e": "AQAB"}]})
write('id_token_validation', 'jwks-and-token.txt', jwks + US + ID_TOKEN)
write('id_token_validation', 'jwks-enc-use.txt', jwks.replace('"sig"', '"enc"') + US + ID_TOKEN)
write('id_token_validation', 'jwks-alg-ps256.txt', jwks.replace('"use"', '"alg": "PS256", "use"') + US + ID_TOKEN)
write('id_token_validation', 'jwks-oct-hs256.txt', json.dumps({"keys": [{"kty": "oct", "kid": "key-1", "k": b64("shared secret"), "alg": "HS256"}]}) + US + unsigned({"alg": "HS256", "kid": "key-1"}, id_claims())[:-1] + b64("sig"))
write('id_token_validation', 'jwks-ec-p256.txt', json.dumps({"keys": [{"kty": "EC", "kid": "ec-1", "use": "sig", "crv": "P-256", "x": "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU", "y": "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}]}) + US + unsigned({"alg": "ES256", "kid": "ec-1"}, id_claims())[:-1] + b64(b"\x01" * 64))
write('id_token_validation', 'jwks-ec-p521.txt', json.dumps({"keys": [{"kty": "EC", "kid": "ec-1", "crv": "P-521", "x": "AQ", "y": "AQ"}]}) + US + unsigned({"alg": "ES512", "kid": "ec-1"}, id_claims())[:-1] + b64("s"))
write('id_token_validation', 'jwks-empty.txt', '{"keys":[]}' + US + ID_TOKEN)
write('id_token_validation', 'jwks-not-json.txt', 'not json' + US + ID_TOKEN)
write('id_token_validation', 'jwks-huge-exponent.txt', jwks.replace('"AQAB"', '"' + b64(b"\xff" * 600) + '"') + US + ID_TOKEN)

# ---- account_from_id_token (first byte even: the rest are the claims)
write('account_from_id_token', 'whole-token.txt', '\x01' + ID_TOKEN)
write('account_from_id_token', 'claims-v2.json', b'\x00' + json.dumps(id_claims()).encode())
write('account_from_id_token', 'claims-v1-upn.json', b'\x00' + json.dumps({"upn": "alice@contoso.example", "tid": TENANT, "ver": "1.0"}).encode())
write('account_from_id_token', 'claims-email-only.json', b'\x00' + json.dumps({"email": "alice@contoso.example"}).encode())
write('account_from_id_token', 'claims-sub-only.json', b'\x00' + json.dumps({"sub": "AAAAAAAAAAAAAAAAAAAAAIkzqFVrSaSaFHy782bbtaQ"}).encode())
write('account_from_id_token', 'claims-none.json', b'\x00{}')
write('account_from_id_token', 'claims-not-strings.json', b'\x00{"preferred_username":1e308,"name":["a"],"tid":null}')
for claim in ['exp', 'iat', 'nbf']:
    for name in ['i64-max', 'i64-min', 'u64-max', 'past-u64', 'float-1e308', 'chrono-max', 'year-9999', 'minus-1', 'nan-string']:
        write('account_from_id_token', f'claims-{claim}-{name}.json', b'\x00' + claims_with_raw(claim, LIMITS[name]).encode())

# ---- connect_reply
for name, reply in [
    ('200', 'HTTP/1.1 200 Connection established\r\n\r\n'),
    ('200-no-reason', 'HTTP/1.1 200\r\n\r\n'),
    ('http-1.0-200', 'HTTP/1.0 200 OK\r\nProxy-agent: squid\r\n\r\n'),
    ('407', 'HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="proxy"\r\n\r\n'),
    ('403', 'HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n'),
    ('502', 'HTTP/1.1 502 Bad Gateway\r\n\r\n'),
    ('status-u16-max', 'HTTP/1.1 65535 Odd\r\n\r\n'),
    ('status-past-u16', 'HTTP/1.1 65536 Odd\r\n\r\n'),
    ('status-u64-max', 'HTTP/1.1 18446744073709551615 Odd\r\n\r\n'),
    ('status-minus-1', 'HTTP/1.1 -1 Odd\r\n\r\n'),
    ('status-huge', 'HTTP/1.1 99999999999999999999999 Odd\r\n\r\n'),
    ('not-http', 'SSH-2.0-OpenSSH_9.2p1\r\n'),
    ('tls-alert', '\x15\x03\x01\x00\x02\x02\x46'),
    ('empty', ''),
    ('bare-cr', 'HTTP/1.1 500 a\rb\r\n\r\n'),
    ('escape-sequence', 'HTTP/1.1 500 \x1b[31mred\x1b[0m\r\n\r\n'),
]:
    write('connect_reply', f'{name}.txt', reply)

# ---- http_date
for name, date in [
    ('imf-fixdate', 'Sun, 06 Nov 1994 08:49:37 GMT'), ('rfc850', 'Sunday, 06-Nov-94 08:49:37 GMT'), ('asctime', 'Sun Nov  6 08:49:37 1994'),
    ('epoch', 'Thu, 01 Jan 1970 00:00:00 GMT'), ('year-0', 'Sat, 01 Jan 0000 00:00:00 GMT'), ('year-9999', 'Fri, 31 Dec 9999 23:59:59 GMT'),
    ('year-10000', 'Sat, 01 Jan 10000 00:00:00 GMT'), ('chrono-max', 'Fri, 31 Dec 262143 23:59:59 GMT'), ('past-chrono-max', 'Sat, 01 Jan 262144 00:00:00 GMT'),
    ('year-275760', 'Sat, 13 Sep 275760 00:00:00 GMT'), ('year-minus-1', 'Fri, 01 Jan -0001 00:00:00 GMT'), ('chrono-min', 'Mon, 01 Jan -262144 00:00:00 GMT'),
    ('huge-year', 'Mon, 01 Jan 99999999999999999999999 00:00:00 GMT'), ('leap-second', 'Sat, 31 Dec 2016 23:59:60 GMT'),
    ('asctime-year-9999', 'Fri Dec 31 23:59:59 9999'), ('rfc850-year-69', 'Thursday, 01-Jan-69 00:00:00 GMT'), ('not-gmt', 'Sun, 06 Nov 1994 08:49:37 CET'),
    ('iso', '2024-01-01T00:00:00Z'),
]:
    write('http_date', f'{name}.txt', date)

# ---- history_lines
row = {"id": "signin", "title": "Sign-in", "status": "fail", "status_word": "Fail", "summary": "AADSTS53003: Access has been blocked for alice@contoso.example.",
       "summary_segments": [{"text": "AADSTS53003: Access has been blocked for "}, {"text": "alice@contoso.example", "personal": "email", "masked": "a•••@c•••.example", "what": "e-mail address"}, {"text": "."}]}
entry = {"started_at": "2026-11-26T12:00:00Z", "overall": "fail", "overall_word": "Fail", "codes": [53003], "rows": [row]}
write('history_lines', 'entry.jsonl', json.dumps(entry, ensure_ascii=False) + '\n')
write('history_lines', 'older-entry-no-marks.jsonl', '{"started_at":"2024-01-01T00:00:00Z","overall":"warn","codes":[],"rows":[{"id":"clock","title":"Clock","status":"warn","summary":"Off by 3 minutes, says bob@fabrikam.example."}]}\nnot json\n')
for name, at in [('year-0', '0000-01-01T00:00:00Z'), ('year-9999', '9999-12-31T23:59:59.999999999Z'), ('chrono-max', '+262143-12-31T23:59:59.999999999Z'),
                 ('chrono-min', '-262143-01-01T00:00:00Z'), ('past-chrono-max', '+262144-01-01T00:00:00Z'), ('year-275760', '+275760-09-13T00:00:00Z'),
                 ('offset', '2026-11-26T12:00:00+14:00'), ('leap-second', '2016-12-31T23:59:60Z')]:
    write('history_lines', f'started-at-{name}.jsonl', json.dumps(dict(entry, started_at=at), ensure_ascii=False) + '\n')
for name, raw in [('u32-max', '[4294967295]'), ('past-u32', '[4294967296]'), ('huge', '[99999999999999999999999]'), ('minus-1', '[-1]')]:
    write('history_lines', f'codes-{name}.jsonl', json.dumps(dict(entry, codes="@@"), ensure_ascii=False).replace('"@@"', raw) + '\n')
odd_segments = dict(row, summary="plain", summary_segments=[{"text": "not the summary", "personal": "device_name"}, {"text": ""}, {"text": "x", "personal": "ip_address"}])
write('history_lines', 'segments-not-the-summary.jsonl', json.dumps(dict(entry, rows=[odd_segments])) + '\n')
write('history_lines', 'chunks-header-and-parts.txt', 'signin-doctor-chunks:v1:2:5\nabc\nde')
for name, header in [('count-64', 'signin-doctor-chunks:v1:64:1'), ('count-65', 'signin-doctor-chunks:v1:65:1'), ('length-u64-max', 'signin-doctor-chunks:v1:1:18446744073709551615'),
                     ('count-past-u64', 'signin-doctor-chunks:v1:99999999999999999999999:1'), ('count-minus-1', 'signin-doctor-chunks:v1:-1:0'), ('no-length', 'signin-doctor-chunks:v1:1')]:
    write('history_lines', f'chunks-{name}.txt', header + '\nx')

# ---- report_writers: fields separated by 0x1F (see the target for which is which)
pasted = "Sorry, but we're having trouble signing you in.\nAADSTS53003: Access has been blocked by Conditional Access policies.\nRequest Id: 0b6b1e0e-5c7d-4a7b-9d7e-1f2a3b4c5d6e\nCorrelation Id: 7c1f0c9e-3a2b-4c5d-8e9f-0a1b2c3d4e5f\nTimestamp: 2023-05-29T05:46:34Z\nApp id: 04b07795-8ddb-461a-bbee-02f9e1bf7b46"
fields = [pasted, "alice@contoso.example", "access_denied", "AADSTS53003: <script>alert(1)</script> [link](https://evil.example) ![img](x) # heading", "https://login.microsoftonline.com/error?code=53003",
          "openid", "received", "1700000000", "0b6b1e0e-5c7d-4a7b-9d7e-1f2a3b4c5d6e", "Clock", "Evidence <b>", "value `code` | pipe", "Fix it *now*",
          "1700000000", "Your clock is right (+0.12 s ± 0.05 s)", "Signed in as ", "Linux", "Device name", "72f988bf-86f1-41af-91ab-2d7cd011db47", "Platform SSO", "not on this OS",
          "/usr/bin/microsoft-identity-broker", "04b07795-8ddb-461a-bbee-02f9e1bf7b46", "Microsoft Graph", "Mobile apps and desktop clients", "Device code flow", "Not registered",
          "203.0.113.7", "2023-05-29T05:46:34Z", "1764158400", "https://login.microsoftonline.com/organizations/v2.0"]
# The first byte: its value mod 6 picks the outcome, (value / 6) mod 2 presenter mode.
for sel in range(12):
    mode = 'presenter' if sel >= 6 else 'plain'
    write('report_writers', f'packet-outcome-{sel % 6}-{mode}.txt', chr(48 + sel) + US.join(fields))
for name, raw in [('i64-max', '9223372036854775807'), ('i64-min', '-9223372036854775808'), ('chrono-max', '8210298412799'), ('chrono-min', '-8334601228800'), ('year-9999', '253402300799'), ('minus-1', '-1'), ('huge', '99999999999999999999999')]:
    f = list(fields); f[4] = f[7] = f[13] = f[29] = raw; f[2] = raw
    write('report_writers', f'packet-times-{name}.txt', '8' + US.join(f))
write('report_writers', 'id-with-newline.txt', '0' + US.join(fields[:8] + ["x`\n# injected heading\n<script>alert(1)</script>"] + fields[9:]))
write('report_writers', 'one-field.txt', '<script>alert(1)</script> alice@contoso.example')

# ---- redirect_page (query parameters after state=…; or a whole head)
for name, q in [
    ('error', 'error=access_denied&error_description=AADSTS53003%3A+Access+has+been+blocked+by+Conditional+Access+policies.+Trace+ID%3A+0b6b1e0e-5c7d-4a7b-9d7e-1f2a3b4c5d6e+Correlation+ID%3A+7c1f0c9e-3a2b-4c5d-8e9f-0a1b2c3d4e5f+Timestamp%3A+2023-05-29+05%3A46%3A34Z&error_uri=https%3A%2F%2Flogin.microsoftonline.com%2Ferror%3Fcode%3D53003'),
    ('error-script', 'error=%3Cscript%3Ealert(1)%3C%2Fscript%3E&error_description=%3Cimg+src%3Dx+onerror%3Dalert(1)%3E%22%27'),
    ('code', 'code=0.AAAA-code&session_state=x&iss=https%3A%2F%2Flogin.microsoftonline.com%2Ft%2Fv2.0'),
    ('timestamp-limits', 'error=access_denied&error_description=Timestamp%3A+%2B262143-12-31+23%3A59%3A59Z'),
]:
    write('redirect_page', f'query-{name}.txt', q)
write('redirect_page', 'whole-head-wrong-state.txt', 'GET /?state=other&error=x HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n')
write('redirect_page', 'error-parts.txt', 'access_denied' + US + '<script>alert(1)</script> AADSTS53003' + US + 'javascript:alert(1)')

# ---- browser_facts
write('browser_facts', 'reg-user-choice.txt', '\r\nHKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\Shell\\Associations\\UrlAssociations\\https\\UserChoice\r\n    ProgId    REG_SZ    MSEdgeHTM\r\n\r\n')
write('browser_facts', 'reg-no-key.txt', 'ERROR: The system was unable to find the specified registry key or value.')
write('browser_facts', 'defaults-handlers.txt', '(\n    {\n    LSHandlerContentType = "public.html";\n    LSHandlerPreferredVersions =         {\n        LSHandlerRoleAll = "-";\n    };\n    LSHandlerRoleAll = "com.google.chrome";\n},\n    {\n    LSHandlerURLScheme = https;\n    LSHandlerPreferredVersions =         {\n        LSHandlerRoleAll = "-";\n    };\n    LSHandlerRoleAll = "com.microsoft.edgemac";\n}\n)')
write('browser_facts', 'defaults-unbalanced.txt', '}}}{{{ LSHandlerURLScheme = https; LSHandlerRoleAll = "x"; }')
for name, id in [('xdg-edge', 'microsoft-edge.desktop'), ('xdg-firefox', 'firefox.desktop'), ('browser-variable', '$BROWSER headless-browser.sh'), ('prog-id-chrome', 'ChromeHTML'), ('ie', 'IE.HTTPS')]:
    write('browser_facts', f'{name}.txt', id)

# ---- existing targets: chrono's limits and huge numbers
for claim in ['exp', 'iat', 'nbf']:
    for name, raw in LIMITS.items():
        write('jwt_decode', f'{claim}-{name}.txt', unsigned({"alg": "RS256", "typ": "JWT", "kid": "k"}, claims_with_raw(claim, raw)))
write('jwt_decode', 'signed.txt', ID_TOKEN)

def ntp(transmit_secs, transmit_frac=0, mode=4, stratum=1, li=0):
    first = (li << 6) | (4 << 3) | mode
    return struct.pack('!BBbbII4sIIIIIIII', first, stratum, 6, -20, 0, 0, b'GPS\0', transmit_secs, 0, 0, 0, transmit_secs, 0, transmit_secs, transmit_frac)
for name, secs in [('now', 3_980_000_000), ('era-end', 0xFFFFFFFF), ('zero', 0), ('era-1-start', 1), ('year-2036', 2_085_978_496)]:
    write('sntp_answer', f'reply-{name}.bin', ntp(secs))
write('sntp_answer', 'kiss-of-death.bin', ntp(0, stratum=0, li=3))
write('sntp_answer', 'short.bin', ntp(3_980_000_000)[:47])

# ---- the other existing targets: one or two valid examples each, and the limits where they read numbers
FIX = os.path.join(FIXTURES, 'device')
for f in sorted(os.listdir(FIX)):
    write('device_tools', f, open(os.path.join(FIX, f), 'rb').read())
write('explain', 'troubleshooting-details.txt', pasted)
write('explain', 'json-escaped.txt', json.dumps(err))
write('explain', 'url-escaped.txt', 'error=access_denied&error_description=AADSTS53003%3a+Access+has+been+blocked.%0d%0aTrace+ID%3a+0b6b1e0e-5c7d-4a7b-9d7e-1f2a3b4c5d6e')
for name, code in [('u32-max', '4294967295'), ('past-u32', '4294967296'), ('huge', '99999999999999999999999')]:
    write('explain', f'code-{name}.txt', f'AADSTS{code}: x\nError Code: {code}')
write('explain', 'timestamp-limits.txt', 'AADSTS53003\nTimestamp: +262143-12-31T23:59:59Z\nTimestamp: 0000-01-01 00:00:00Z')
doc = {"issuer": "https://login.microsoftonline.com/{tenantid}/v2.0", "authorization_endpoint": "https://login.microsoftonline.com/organizations/oauth2/v2.0/authorize",
       "token_endpoint": "https://login.microsoftonline.com/organizations/oauth2/v2.0/token", "device_authorization_endpoint": "https://login.microsoftonline.com/organizations/oauth2/v2.0/devicecode",
       "jwks_uri": "https://login.microsoftonline.com/organizations/discovery/v2.0/keys", "userinfo_endpoint": "https://graph.microsoft.com/oidc/userinfo",
       "response_types_supported": ["code", "id_token", "code id_token", "id_token token"], "id_token_signing_alg_values_supported": ["RS256"],
       "code_challenge_methods_supported": ["plain", "S256"], "tenant_region_scope": None, "cloud_instance_name": "microsoftonline.com"}
write('discovery_document', 'entra-organizations.json', json.dumps(doc))
write('discovery_document', 'missing-token-endpoint.json', json.dumps({k: v for k, v in doc.items() if k != 'token_endpoint'}))
write('redirect_query', 'code.txt', b'\x00code=0.AAAA&state=state-1&session_state=x')
write('redirect_query', 'error.txt', b'\x00error=access_denied&error_description=AADSTS53003%3A+Blocked.&state=state-1')
write('redirect_query', 'whole-head.txt', b'\x01GET /?code=x&state=state-1 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n')
write('config_file', 'config.toml', 'authority = "https://login.microsoftonline.com/contoso.onmicrosoft.com/v2.0"\nclient_id = "11111111-2222-3333-4444-555555555555"\nscopes = ["openid", "profile", "offline_access", "User.Read"]\nredirect_uri = "http://127.0.0.1:0/"\n')
write('config_file', 'huge-numbers.toml', 'check_timeout_seconds = 18446744073709551615\nsntp_timeout_ms = 99999999999999999999999\nport = -1\nx = 1e308\n')
write('network_answers', 'proxy-address.txt', 'http://alice:secret@proxy.example:3128')
write('network_answers', 'gsettings.txt', "'manual'\n'proxy.example'\n3128\n['localhost', '127.0.0.0/8']\n")
write('network_answers', 'proxy-port-huge.txt', 'http://proxy.example:99999999999999999999999')

# ---- helpdesk_packet: a packet in each format the writers make, error text, UTF-16 (Notepad), hostile values
TRACE = '0b6b1e0e-5c7d-4a7b-9d7e-1f2a3b4c5d6e'
CORR = '7c1d4e2a-3b5f-4c6d-8e9f-0a1b2c3d4e5f'
GUEST = 'alice_fabrikam.com#EXT#@contoso.onmicrosoft.com'
HOSTILE = '![x](https://evil.example/p.png) [Re-verify](https://evil.example)'
packet_json = {"report": "Sign-in Doctor help-desk packet", "authority": "https://login.microsoftonline.com/organizations/v2.0",
               "error": {"code": "AADSTS53003", "trace_id": TRACE, "correlation_id": CORR, "timestamp": "2026-11-26 11:58:07Z"},
               "what_if": {"user": GUEST, "ip_address": "203.0.113.24", "device_platform": "Windows 11", "client_app_type": "Browser"}}
# The first byte picks the reader: even as pasted text, odd through a real file.
write('helpdesk_packet', 'json.txt', json.dumps(packet_json))
write('helpdesk_packet', 'json-file.txt', b' ' + json.dumps(packet_json).encode())
write('helpdesk_packet', 'json-hostile-authority.txt', json.dumps({**packet_json, "authority": HOSTILE, "tenant": "\u001b[2J"}))
packet_md = (f"# Sign-in Doctor report\n\nMade 2026-11-26 11:58:07 UTC by Sign-in Doctor 0.1.0.\n\n## The error\n\n"
             f"**AADSTS53003 BlockedByConditionalAccess**: Access has been blocked.\n\n- Request ID (Trace ID): `{TRACE}`\n"
             f"- Correlation ID: `{CORR}`\n- Timestamp (UTC): `2026-11-26 11:58:07`\n\n## What If inputs\n\n"
             f"- User: alice\\_fabrikam.com\\#EXT\\#@contoso.onmicrosoft.com\n- Location / IP: 203.0.113.24 (NG)\n\n_No tokens are included in this report._\n")
write('helpdesk_packet', 'markdown.txt', packet_md)
write('helpdesk_packet', 'markdown-utf16.txt', b'\xff\xfe' + packet_md.encode('utf-16-le'))
write('helpdesk_packet', 'html.txt', f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<title>Sign-in Doctor report</title>\n</head>\n<body>\n<h2>The error</h2>\n'
      f'<table>\n<tr><th scope="row">Request ID (Trace ID)</th><td><code>{TRACE}</code></td></tr>\n</table>\n</body>\n</html>\n')
write('helpdesk_packet', 'error-text.txt', f'AADSTS53003: Access has been blocked by Conditional Access policies.\nRequest Id: {TRACE}\nCorrelation Id: {CORR}\nTimestamp: 2026-11-26T11:58:07Z')

# ---- answer_markdown: fields separated by 0x1F; the first byte picks presenter mode (odd: on)
fields = [HOSTILE, GUEST, TRACE, '2026-11-26T11:58:07Z', 'Graph Explorer', 'de8bc8b5-d9f9-48b1-a8ad-b748da725064', 'Microsoft Graph',
          f'Blocked for {GUEST}.', '203.0.113.24', CORR, 'pol-1', 'CA020: Block | untrusted\ncountries', 'Block', 'blocks sign-ins from ',
          '203.0.113.24', 'mfa', 'Ask <b>alice</b> to sign in from the office.']
write('answer_markdown', 'presenter.txt', '\x01' + US.join(fields))
write('answer_markdown', 'plain.txt', '\x00' + US.join(fields))
write('answer_markdown', 'escapes.txt', '\x01' + US.join(['\x1b[2J', 'a\\@b.cd', '`code`', '\\[x\\](y)', '&lt;img&gt;']))
