// What every `minqing` subcommand shares: parsing its options (with --help, in Chinese and
// English) and the clock. Thread-safety: not relevant (the CLI's main thread only).
#pragma once

#include <boost/program_options.hpp>

#include "cli/commands.hpp"
#include "domain/model.hpp"

namespace minqing::cli {

// Adds --help, parses `args` into `vm` and checks required options. Returns false after printing
// `usage` and the options when --help was asked for; throws InvalidInput "cli.bad_arguments" on
// bad arguments.
bool ParseOptions(const Args& args, boost::program_options::options_description& options,
                  boost::program_options::variables_map& vm, const char* usage,
                  boost::program_options::positional_options_description* positional = nullptr);

// Seconds since the Unix epoch.
domain::Epoch Now();

}  // namespace minqing::cli
