// fluxdb: the command-line shell.
//
//   fluxdb [FILE] [options]     FILE: a database file (created if missing); none: in memory
//
// With -c (or SQL after FILE) the commands run and the shell exits; otherwise it reads stdin:
// interactively on a terminal, as a script otherwise.
#include <sys/stat.h>
#include <unistd.h>

#include <clocale>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "main/inspect/commands.h"
#include "shell/error_report.h"
#include "shell/input_loop.h"
#include "shell/interrupt.h"
#include "shell/line_reader.h"
#include "shell/shell_state.h"

#ifndef FLUXDB_VERSION
#define FLUXDB_VERSION "0.0.0"
#endif

namespace fluxdb::shell {
namespace {

constexpr char kUsage[] =
    "Usage: fluxdb [OPTIONS] [FILENAME] [SQL]\n"
    "FILENAME is the name of a FluxDB database file, created when it does not exist (and the\n"
    "database is not read-only). Without FILENAME the database lives in memory.\n"
    "SQL after FILENAME runs like -c.\n"
    "OPTIONS:\n"
    "   -bail                stop after hitting an error\n"
    "   -batch               read stdin as a script even from a terminal\n"
    "   -box                 set output mode to 'box' (the default)\n"
    "   -c COMMAND           run COMMAND (SQL or a dot command) and exit; repeatable\n"
    "   -cmd COMMAND         run COMMAND before reading stdin\n"
    "   -csv                 set output mode to 'csv'\n"
    "   -echo                print commands before execution\n"
    "   -header / -noheader  turn headers on or off\n"
    "   -help                show this message\n"
    "   -init FILENAME       read/process FILENAME first (default: ~/.fluxdbrc)\n"
    "   -interactive         force interactive input\n"
    "   -json / -jsonlines   set output mode to 'json' / 'jsonlines'\n"
    "   -line                set output mode to 'line'\n"
    "   -list                set output mode to 'list'\n"
    "   -markdown            set output mode to 'markdown'\n"
    "   -nullvalue TEXT      set text string for NULL values (default 'NULL')\n"
    "   -readonly            open the database read-only\n"
    "   -separator SEP       set the column separator of list mode (default '|')\n"
    "   -table               set output mode to 'table'\n"
    "   -tsv                 set output mode to 'tsv'\n"
    "   -version             show the FluxDB version\n";

struct Options {
  std::string path;
  bool have_path = false;
  std::vector<std::string> commands;          // -c and SQL arguments, run then exit
  std::vector<std::string> startup_commands;  // -cmd
  std::optional<std::string> init_file;
  bool read_only = false;
  bool batch = false;
  bool interactive = false;
  bool help = false;
  bool version = false;
};

bool FileExists(const std::string& path) {
  struct stat info {};
  return stat(path.c_str(), &info) == 0;
}

/// Applies option `name` (without its dashes); `next` is the following argument, consumed when
/// the option takes a value. Returns an error message, or "" when all is well.
std::string ApplyOption(const std::string& name, const char* next, bool* consumed, Options& options,
                        ShellSettings& settings) {
  auto value = [&]() -> std::optional<std::string> {
    if (next == nullptr) return std::nullopt;
    *consumed = true;
    return std::string(next);
  };
  if (auto mode = ParseOutputMode(name)) {
    settings.mode = *mode;
  } else if (name == "c") {
    auto v = value();
    if (!v) return "missing argument to -c";
    options.commands.push_back(*v);
  } else if (name == "cmd") {
    auto v = value();
    if (!v) return "missing argument to -cmd";
    options.startup_commands.push_back(*v);
  } else if (name == "init") {
    auto v = value();
    if (!v) return "missing argument to -init";
    options.init_file = *v;
  } else if (name == "nullvalue") {
    auto v = value();
    if (!v) return "missing argument to -nullvalue";
    settings.render.null_value = *v;
    settings.render.null_value_set = true;
  } else if (name == "separator") {
    auto v = value();
    if (!v) return "missing argument to -separator";
    settings.render.separator = *v;
  } else if (name == "readonly") {
    options.read_only = true;
  } else if (name == "bail") {
    settings.bail = true;
  } else if (name == "echo") {
    settings.echo = true;
  } else if (name == "header" || name == "headers") {
    settings.render.headers = true;
  } else if (name == "noheader" || name == "noheaders") {
    settings.render.headers = false;
  } else if (name == "batch") {
    options.batch = true;
  } else if (name == "interactive") {
    options.interactive = true;
  } else if (name == "help" || name == "h") {
    options.help = true;
  } else if (name == "version") {
    options.version = true;
  } else {
    return "unknown option: -" + name;
  }
  return "";
}

int Run(int argc, char** argv) {
  Options options;
  ShellState state;
  for (int i = 1; i < argc; i++) {
    std::string arg = argv[i];
    if (arg.size() > 1 && arg[0] == '-') {
      std::string name = arg.substr(arg.size() > 2 && arg[1] == '-' ? 2 : 1);
      bool consumed = false;
      std::string error = ApplyOption(name, i + 1 < argc ? argv[i + 1] : nullptr, &consumed,
                                      options, state.settings);
      if (!error.empty()) {
        std::cerr << "Error: " << error << "\nUse -help for a list of options.\n";
        return 1;
      }
      if (consumed) i++;
    } else if (!options.have_path) {
      options.path = arg;
      options.have_path = true;
    } else {
      options.commands.push_back(arg);
    }
  }
  if (options.help) {
    std::cout << kUsage;
    return 0;
  }
  if (options.version) {
    std::cout << "FluxDB v" << FLUXDB_VERSION << "\n";
    return 0;
  }

  InstallSignalHandlers();
  if (Status status = state.Open(options.path, options.read_only); !status.ok()) {
    std::cerr << FormatError(status, "");
    return 1;
  }

  const char* home = std::getenv("HOME");
  std::string init = options.init_file.value_or(home != nullptr ? Concat(home, "/.fluxdbrc") : "");
  if (!init.empty() && (options.init_file.has_value() || FileExists(init))) {
    std::FILE* file = std::fopen(init.c_str(), "rb");
    if (file == nullptr) {
      std::cerr << "Error: cannot open init file \"" << init << "\"\n";
      return 1;
    }
    auto reader = MakeStreamReader(file);
    InputResult result = ProcessInput(state, *reader);
    std::fclose(file);
    if (result.end == InputEnd::kExit) return result.exit_code;
    if (result.end == InputEnd::kBail) return 1;
  }

  for (const std::string& command : options.startup_commands) {
    auto reader = MakeStringReader(command);
    InputResult result = ProcessInput(state, *reader);
    if (result.end == InputEnd::kExit) return result.exit_code;
    if (result.end == InputEnd::kBail) return 1;
  }

  if (!options.commands.empty()) {
    int errors = 0;
    for (const std::string& command : options.commands) {
      auto reader = MakeStringReader(command);
      InputResult result = ProcessInput(state, *reader);
      errors += result.errors;
      if (result.end == InputEnd::kExit) return result.exit_code;
      if (result.end != InputEnd::kEndOfInput) return 1;
    }
    return errors > 0 ? 1 : 0;
  }

  bool interactive = !options.batch && (options.interactive || isatty(STDIN_FILENO));
  if (interactive) {
    std::cout << "FluxDB v" << FLUXDB_VERSION << "\n"
              << "Enter \".help\" for usage hints.\n";
    if (state.path() == ":memory:") {
      std::cout << "Connected to a transient in-memory database.\n"
                << "Use \".open FILENAME\" to reopen on a persistent database.\n";
    }
    std::cout.flush();
    std::string history = home != nullptr ? Concat(home, "/.fluxdb_history") : "";
    auto reader = MakeTerminalReader(history, [&state] { return state.CompletionNames(); });
    InputResult result = ProcessInput(state, *reader);
    return result.end == InputEnd::kExit ? result.exit_code : 0;
  }
  auto reader = MakeStreamReader(stdin);
  InputResult result = ProcessInput(state, *reader);
  if (result.end == InputEnd::kExit) return result.exit_code;
  return result.errors > 0 || result.end != InputEnd::kEndOfInput ? 1 : 0;
}

}  // namespace
}  // namespace fluxdb::shell

int main(int argc, char** argv) {
  // `fluxdb check FILE` / `fluxdb inspect FILE`: file tools (main/inspect/), not the shell.
  if (argc > 1 && std::string(argv[1]) == "check") {
    return fluxdb::RunCheckCommand(argc - 1, argv + 1);
  }
  if (argc > 1 && std::string(argv[1]) == "inspect") {
    return fluxdb::RunInspectCommand(argc - 1, argv + 1);
  }
  // libedit needs the terminal's character set; nothing else depends on the locale.
  std::setlocale(LC_CTYPE, "");
  return fluxdb::shell::Run(argc, argv);
}
