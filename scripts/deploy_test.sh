#!/usr/bin/env bash
# Deployment test: runs deploy/nginx-minqing.conf (paths and ports substituted) in front of a
# fresh minqing started as deploy/minqing.service starts it, with a self-signed certificate, and
# checks through HTTPS: the redirect from HTTP, the API, a browser login (web/e2e/deploy-login.mjs),
# the public URL, and that the login throttle counts the client address nginx reports, but only
# when it comes from the trusted proxy. Also `systemd-analyze verify`s the unit when available.
# nginx runs as a normal process with its own prefix and temporary files, like bench/lib_nginx.sh.
# Usage: scripts/deploy_test.sh (needs a release build and the built web UI, web/dist).
# Ends with "N passed, N failed" (one per check).
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/server.sh
bin=$(realpath ./build/${MINQING_PRESET:-release}/src/cli/minqing)
work=$(mktemp -d /tmp/minqing-deploy.XXXXXX)
server_pid=""
cleanup() {
  [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  [[ -f $work/nginx.pid ]] && kill "$(cat "$work/nginx.pid")" 2>/dev/null
  sleep 0.2
  rm -rf "$work"
}
trap cleanup EXIT

passed=0
failed=0
check() {  # check NAME COMMAND...: one counted check
  local name=$1
  shift
  if "$@"; then
    echo "deploy: ok: $name"
    passed=$((passed + 1))
  else
    echo "deploy: FAILED: $name"
    failed=$((failed + 1))
  fi
}
equals() {  # equals WHAT EXPECTED ACTUAL
  [[ $2 == "$3" ]] || { echo "  $1: expected '$2', got '$3'"; return 1; }
}

host=minqing.test
https_port=$(free_local_port 2) || exit 1
http_port=$((https_port + 1))
password=deploy-test-pw1

# --- the systemd unit --------------------------------------------------------------------------
verify_unit() {
  if ! command -v systemd-analyze >/dev/null; then echo "  (systemd-analyze not installed)"; return 0; fi
  # The unit as installed, but with this build's binary (verify checks ExecStart exists).
  sed "s|/usr/local/bin/minqing|$bin|" deploy/minqing.service >"$work/minqing.service"
  local out
  out=$(systemd-analyze verify "$work/minqing.service" 2>&1)
  # A build machine has no "minqing" user and may run without systemd as PID 1; those are not
  # faults of the unit. Anything else is.
  out=$(grep -v -e 'minqing.service: .*user' -e 'System has not been booted' \
    -e 'Failed to connect to bus' -e 'Failed to prepare filename' <<<"$out" | grep -i -e error -e warn -e invalid -e unknown)
  [[ -z $out ]] || { echo "$out"; return 1; }
}
check "systemd-analyze verify deploy/minqing.service" verify_unit

# --- a certificate, minqing, nginx --------------------------------------------------------------
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=$host" \
  -addext "subjectAltName=DNS:$host" -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null || {
  echo "deploy: openssl could not make a certificate"; exit 1; }

MINQING_ADMIN_PASSWORD=$password "$bin" init --db "$work/minqing.db" --county-name 测试县 \
  --county-code 139999 >/dev/null || exit 1
# As deploy/minqing.service runs it (with a free port instead of 8080).
start_minqing_server "$bin" "$work" "$work/server.log" --db "$work/minqing.db" --address 127.0.0.1 \
  --web web/dist --public-url "https://$host:$https_port" --secure-cookies --trust-proxy \
  --trusted-proxy 127.0.0.1 --escalation-interval 0 || { echo "deploy: minqing did not start"; exit 1; }
mq_port=$(cat "$work/port")

mkdir -p "$work/tmp" "$work/acme"
sed -e "s|listen 80;|listen 127.0.0.1:$http_port;|" -e '/listen \[::\]/d' \
  -e "s|listen 443 ssl http2;|listen 127.0.0.1:$https_port ssl http2;|" \
  -e "s|server 127.0.0.1:8080;|server 127.0.0.1:$mq_port;|" \
  -e "s|/etc/ssl/minqing/fullchain.pem|$work/cert.pem|" -e "s|/etc/ssl/minqing/privkey.pem|$work/key.pem|" \
  -e "s|/var/log/nginx/|$work/|" -e "s|/var/www/letsencrypt|$work/acme|" \
  -e "s|minqing.example.gov.cn|$host|g" deploy/nginx-minqing.conf >"$work/site.conf"
write_nginx_conf "$work" "  include /etc/nginx/mime.types;
  access_log $work/access.log;
  include $work/site.conf;"
check "nginx -t accepts deploy/nginx-minqing.conf" nginx -t -q -p "$work" -c "$work/nginx.conf"
nginx -p "$work" -c "$work/nginx.conf" || { echo "deploy: nginx did not start"; cat "$work/nginx-error.log"; exit 1; }
for _ in $(seq 1 50); do [[ -s $work/nginx.pid ]] && break; sleep 0.1; done

base="https://$host:$https_port"
tls=(--cacert "$work/cert.pem" --resolve "$host:$https_port:127.0.0.1" -s)

# --- through HTTPS -----------------------------------------------------------------------------
redirects() {
  local out
  out=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' "http://127.0.0.1:$http_port/households?x=1" -H "Host: $host")
  equals "HTTP answer" "301 https://$host/households?x=1" "$out"
}
check "HTTP redirects to HTTPS" redirects

health() {
  local out
  out=$(curl "${tls[@]}" -D "$work/health.headers" "$base/api/v1/health") || { echo "  curl failed (certificate?)"; return 1; }
  grep -qi '^strict-transport-security: max-age=' "$work/health.headers" || { echo "  no HSTS header"; return 1; }
  equals "public_url in health" "$base" "$(node -e 'console.log(JSON.parse(process.argv[1]).public_url)' "$out")"
}
check "API over HTTPS with the certificate checked; public URL from --public-url; HSTS" health

no_loopback_warning() {
  ! grep -q '对外网址未设置\|对外网址指向本机' "$work/server.log" || { cat "$work/server.log"; return 1; }
}
check "no public-URL warning at start with a real --public-url" no_loopback_warning

metrics_private() {
  equals "/metrics through nginx" 404 "$(curl "${tls[@]}" -o /dev/null -w '%{http_code}' "$base/metrics")" || return 1
  equals "/metrics on the server's own host" 200 "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$mq_port/metrics")"
}
check "the Prometheus metrics reach the server's own host, not the public through nginx" metrics_private

login_status() {  # login_status USER PASSWORD [curl options...]: prints the HTTP status
  local user=$1 pw=$2
  shift 2
  curl -s -o "$work/login.json" -w '%{http_code}' -H 'Content-Type: application/json' \
    -d "{\"username\":\"$user\",\"password\":\"$pw\"}" "$@"
}
api_login() {
  local status token
  status=$(login_status admin "$password" "${tls[@]}" -D "$work/login.headers" "$base/api/v1/auth/login")
  equals "login status" 200 "$status" || { cat "$work/login.json"; return 1; }
  grep -qi '^set-cookie: mq_session=.*; *Secure' "$work/login.headers" || { echo "  session cookie not Secure"; return 1; }
  token=$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1])).token)' "$work/login.json")
  equals "GET /auth/me" 200 "$(curl "${tls[@]}" -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" "$base/api/v1/auth/me")"
}
check "API login through nginx; the session cookie is Secure" api_login

assets() {
  local asset direct proxied
  asset=$(grep -o '/assets/[^"]*\.js' web/dist/index.html | head -n 1)
  [[ -n $asset ]] || { echo "  no script in web/dist/index.html"; return 1; }
  direct=$(curl -s -o /dev/null -w '%{http_code} %{content_type}' -H 'Accept-Encoding: gzip' -D "$work/direct.headers" "http://127.0.0.1:$mq_port$asset")
  proxied=$(curl "${tls[@]}" -o /dev/null -w '%{http_code} %{content_type}' -H 'Accept-Encoding: gzip' -D "$work/proxied.headers" "$base$asset")
  equals "asset status and type" "$direct" "$proxied" || return 1
  encoding() { grep -i '^content-encoding:' "$1" | tr -d '\r' | tr '[:upper:]' '[:lower:]'; }
  [[ -n $(encoding "$work/direct.headers") ]] || { echo "  minqing sent $asset uncompressed"; return 1; }
  equals "content-encoding (minqing's own)" "$(encoding "$work/direct.headers")" "$(encoding "$work/proxied.headers")"
}
check "web files pass through unchanged (minqing's precompressed answer, not nginx gzip)" assets

browser_login() {
  mkdir -p web/test-results
  node web/e2e/deploy-login.mjs "$base" admin "$password" web/test-results/deploy-login.png
}
check "browser login through nginx over HTTPS" browser_login

# --- the client address: from the trusted proxy only --------------------------------------------
# Five wrong passwords from one client make that user wait there (429) but not elsewhere (401).
# Clients are told apart by their source address on the loopback network (127.0.0.2, ...).
through_proxy_counts_clients() {
  local i status
  for i in 1 2 3 4 5; do
    login_status guesser wrong-pw-1 "${tls[@]}" --interface 127.0.0.2 "$base/api/v1/auth/login" >/dev/null
  done
  equals "6th wrong login from client A" 429 "$(login_status guesser wrong-pw-1 "${tls[@]}" --interface 127.0.0.2 "$base/api/v1/auth/login")" || return 1
  # A header the client makes up is replaced by nginx: still client A.
  equals "client A with a forged X-Forwarded-For" 429 "$(login_status guesser wrong-pw-1 "${tls[@]}" --interface 127.0.0.2 -H 'X-Forwarded-For: 198.51.100.7' "$base/api/v1/auth/login")" || return 1
  status=$(login_status guesser wrong-pw-1 "${tls[@]}" --interface 127.0.0.3 "$base/api/v1/auth/login")
  equals "the same user from client B" 401 "$status"
}
check "behind nginx the throttle counts each client, not the proxy, and a forged header changes nothing" through_proxy_counts_clients

direct_forged_header_ignored() {
  local i
  # Around the proxy (a peer that is not --trusted-proxy), X-Forwarded-For is not believed: a new
  # made-up address per attempt does not escape the wait.
  for i in 1 2 3 4 5; do
    login_status sneaky wrong-pw-1 --interface 127.0.0.5 -H "X-Forwarded-For: 203.0.113.$i" "http://127.0.0.1:$mq_port/api/v1/auth/login" >/dev/null
  done
  equals "6th wrong login around the proxy" 429 "$(login_status sneaky wrong-pw-1 --interface 127.0.0.5 -H 'X-Forwarded-For: 203.0.113.99' "http://127.0.0.1:$mq_port/api/v1/auth/login")"
}
check "X-Forwarded-For from an address that is not the trusted proxy is ignored" direct_forged_header_ignored

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
