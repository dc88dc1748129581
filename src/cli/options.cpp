#include "cli/options.hpp"

#include <termios.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <random>
#include <string>

#include "domain/errors.hpp"

namespace minqing::cli {
namespace po = boost::program_options;

void AddDbOption(po::options_description& options) {
  options.add_options()("db", po::value<std::string>()->default_value(DefaultDatabaseUrl()),
                        "数据库：SQLite 文件路径或 postgresql://... / database URL");
}

bool ParseOptions(const Args& args, po::options_description& options, po::variables_map& vm,
                  const char* usage, po::positional_options_description* positional) {
  options.add_options()("help,h", "显示帮助 / show help");
  po::command_line_parser parser(args);
  parser.options(options);
  if (positional != nullptr) parser.positional(*positional);
  try {
    po::store(parser.run(), vm);
    // --help before notify(), so that it works without the required options.
    if (vm.count("help")) {
      std::cout << usage << "\n" << options << "\n";
      return false;
    }
    po::notify(vm);
  } catch (const po::error& e) {
    throw domain::InvalidInput("cli.bad_arguments",
                               std::string("参数错误 bad arguments: ") + e.what());
  }
  return true;
}

domain::Epoch Now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string ProcessLeaseHolder(std::uint16_t port) {
  char host[256] = {};
  if (gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
  std::random_device random;
  return std::string(host) + ":" + std::to_string(port) + ":" + std::to_string(getpid()) + ":" +
         std::to_string(random());
}

namespace {

std::string StripLineEnd(std::string line) {
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
  return line;
}

// One line from the terminal with echo off (restored however the read ends).
std::string ReadHidden(const char* prompt) {
  std::cerr << prompt << std::flush;
  termios saved{};
  const bool terminal = ::tcgetattr(STDIN_FILENO, &saved) == 0;
  if (terminal) {
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
  }
  std::string line;
  std::getline(std::cin, line);
  if (terminal) ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
  std::cerr << "\n";
  return StripLineEnd(line);
}

}  // namespace

std::optional<std::string> ReadPassword(bool from_stdin, const char* env, bool may_prompt,
                                        const char* prompt) {
  if (from_stdin) {
    std::string line;
    std::getline(std::cin, line);
    return StripLineEnd(line);
  }
  if (const char* value = std::getenv(env); value != nullptr && *value != '\0') {
    return std::string(value);
  }
  if (!may_prompt || ::isatty(STDIN_FILENO) == 0) return std::nullopt;
  std::string first = ReadHidden(prompt);
  std::string second = ReadHidden("再输入一次 / again: ");
  if (first != second) {
    throw domain::InvalidInput("cli.password_mismatch", "两次输入的密码不一致 passwords differ");
  }
  return first;
}

void RefusePasswordArgument(const po::variables_map& vm, const char* option,
                            const char* stdin_option, const char* env) {
  if (!vm.count(option)) return;
  throw domain::InvalidInput(
      "cli.password_on_command_line",
      std::string("密码不能写在命令行上（本机所有用户都能在进程列表中看到）。请用 --") +
          stdin_option + "（从标准输入读取）或环境变量 " + env +
          " / a password on the command line shows in the process list: use --" + stdin_option +
          " or " + env);
}

}  // namespace minqing::cli
