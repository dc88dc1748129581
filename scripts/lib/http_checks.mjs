// Helpers of the script tests that talk to a running minqing over HTTP (scripts/*_empty_county_test.sh):
// the base URL comes from MINQING_URL; any failed check ends the process with exit code 1.
const base = process.env.MINQING_URL;

// Fails the test with `what` (and the answer's body) unless `ok`.
export function check(ok, what, body) {
  if (!ok) {
    console.error('FAIL:', what, body === undefined ? '' : JSON.stringify(body));
    process.exit(1);
  }
}

// One request to `at` (a server's base URL): a bearer `token`, a JSON or form body. Returns
// { status, body } with the body parsed as JSON when it is JSON.
export async function callAt(at, method, path, { token, json, form } = {}) {
  const headers = {};
  if (token) headers.Authorization = 'Bearer ' + token;
  let body;
  if (json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(json);
  }
  if (form !== undefined) {
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(form).toString();
  }
  const res = await fetch(at + path, { method, headers, body });
  const text = await res.text();
  let parsed = null;
  try { parsed = JSON.parse(text); } catch { parsed = text; }
  return { status: res.status, body: parsed };
}

// callAt the server of MINQING_URL.
export function call(method, path, options) {
  return callAt(base, method, path, options);
}
