// What every `minqing` subcommand shares: parsing its options (with --help, in Chinese and
// English) and the clock. Thread-safety: not relevant (the CLI's main thread only).
#pragma once

#include <boost/program_options.hpp>
#include <cstdint>
#include <optional>
#include <string>

#include "cli/commands.hpp"
#include "domain/model.hpp"

namespace minqing::cli {

// Adds --help, parses `args` into `vm` and checks required options. Returns false after printing
// `usage` and the options when --help was asked for; throws InvalidInput "cli.bad_arguments" on
// bad arguments.
bool ParseOptions(const Args& args, boost::program_options::options_description& options,
                  boost::program_options::variables_map& vm, const char* usage,
                  boost::program_options::positional_options_description* positional = nullptr);

// Adds --db: a SQLite file path or a postgresql:// URL, DefaultDatabaseUrl() when not given.
void AddDbOption(boost::program_options::options_description& options);

// Seconds since the Unix epoch.
domain::Epoch Now();

// This process's name in job_leases: host, port (0 for a command that serves none), process id
// and a random part (a restarted process is a new holder and waits for its own old lease to
// expire, as any other would).
std::string ProcessLeaseHolder(std::uint16_t port);

// A password given without putting it on the command line (where every user of the machine
// sees it in the process list): the first line of standard input when `from_stdin`, else the
// environment variable `env` (when set and not empty), else, when standard input is a terminal
// and `may_prompt`, typed twice without echo after `prompt`. nullopt when none of these gives
// one; throws InvalidInput "cli.password_mismatch" when the two typed passwords differ.
std::optional<std::string> ReadPassword(bool from_stdin, const char* env, bool may_prompt,
                                        const char* prompt);

// Refuses a password option on the command line, naming the ways that keep it private.
void RefusePasswordArgument(const boost::program_options::variables_map& vm, const char* option,
                            const char* stdin_option, const char* env);

}  // namespace minqing::cli
