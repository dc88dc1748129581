// Linked into every test executable (never into the minqing binary): new password hashes take
// libsodium's lowest Argon2id limits instead of the interactive ones, so that a test that makes
// accounts and logs them in spends milliseconds rather than a fifth of a second on each.
// AuthService::HashPassword looks this weak symbol up; scripts/accounts_cli_test.sh checks that
// the binary's hashes keep the interactive limits.
extern "C" bool minqing_cheap_password_hashing_for_tests() { return true; }
