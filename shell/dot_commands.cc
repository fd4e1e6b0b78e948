#include "shell/dot_commands.h"

#include <cctype>
#include <cstdio>
#include <functional>
#include <optional>

#include "shell/error_report.h"
#include "shell/import_command.h"
#include "shell/input_loop.h"
#include "shell/line_reader.h"
#include "shell/schema_commands.h"

namespace fluxdb::shell {

namespace {

using Args = std::vector<std::string>;
using Handler = std::function<DotResult(ShellState&, const Args&)>;

struct DotCommand {
  std::string_view name;
  std::string_view usage;
  std::string help;
  Handler handler;
};

// .read files may read further files, but not forever.
constexpr int kMaxReadDepth = 32;
int read_depth = 0;

std::optional<bool> ParseSwitch(const std::string& text) {
  std::string s;
  for (char c : text) s += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (s == "on" || s == "yes" || s == "true" || s == "1") return true;
  if (s == "off" || s == "no" || s == "false" || s == "0") return false;
  return std::nullopt;
}

std::optional<size_t> ParseCount(const std::string& text) {
  if (text.empty()) return std::nullopt;
  size_t value = 0;
  for (char c : text) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
    value = value * 10 + static_cast<size_t>(c - '0');
    if (value > (size_t{1} << 40)) return std::nullopt;
  }
  return value;
}

/// A command that turns a boolean setting on or off.
Handler Switch(bool ShellSettings::*setting, std::string_view name) {
  return [setting, name](ShellState& state, const Args& args) -> DotResult {
    if (args.size() != 1) return DotUsage(state, name);
    auto value = ParseSwitch(args[0]);
    if (!value) return DotUsage(state, name);
    state.settings.*setting = *value;
    return {};
  };
}

DotResult Exit(ShellState& state, const Args& args) {
  DotResult result{DotOutcome::kExit, 0};
  if (!args.empty()) result.exit_code = std::atoi(args[0].c_str());
  (void)state;
  return result;
}

DotResult Headers(ShellState& state, const Args& args) {
  if (args.size() != 1 || !ParseSwitch(args[0])) return DotUsage(state, "headers");
  state.settings.render.headers = *ParseSwitch(args[0]);
  return {};
}

DotResult Help(ShellState& state, const Args& args) {
  state.out().Write(DotHelp(args.empty() ? "" : args[0]));
  return {};
}

DotResult MaxRows(ShellState& state, const Args& args) {
  if (args.size() != 1 || !ParseCount(args[0])) return DotUsage(state, "maxrows");
  state.settings.render.max_rows = *ParseCount(args[0]);
  return {};
}

DotResult MaxWidth(ShellState& state, const Args& args) {
  if (args.size() != 1 || !ParseCount(args[0])) return DotUsage(state, "maxwidth");
  state.settings.max_width = *ParseCount(args[0]);
  return {};
}

DotResult Mode(ShellState& state, const Args& args) {
  if (args.empty()) {
    state.out().Write(Concat("current output mode: ", OutputModeName(state.settings.mode), "\n"));
    return {};
  }
  auto mode = ParseOutputMode(args[0]);
  if (args.size() > 1) return DotUsage(state, "mode");
  if (!mode) {
    state.PrintError(
        Concat("Error: unknown output mode \"", args[0], "\"; choose one of ", OutputModeNames()));
    return {DotOutcome::kError, 0};
  }
  state.settings.mode = *mode;
  return {};
}

DotResult NullValue(ShellState& state, const Args& args) {
  if (args.size() != 1) return DotUsage(state, "nullvalue");
  state.settings.render.null_value = args[0];
  state.settings.render.null_value_set = true;
  return {};
}

DotResult Separator(ShellState& state, const Args& args) {
  if (args.size() != 1) return DotUsage(state, "separator");
  state.settings.render.separator = args[0];
  return {};
}

DotResult OutputTo(ShellState& state, const Args& args, bool once) {
  if (args.empty() && !once) {
    state.ResetOutput();
    return {};
  }
  if (args.size() != 1) return DotUsage(state, once ? "once" : "output");
  if (args[0] == "stdout" || args[0] == "-") {
    state.ResetOutput();
    return {};
  }
  Status status = state.RedirectOutput(args[0], once);
  if (!status.ok()) return DotError(state, status);
  return {};
}

DotResult Open(ShellState& state, const Args& args) {
  bool read_only = false;
  std::string path;
  for (const std::string& arg : args) {
    if (arg == "--readonly" || arg == "-readonly") {
      read_only = true;
    } else if (path.empty()) {
      path = arg;
    } else {
      return DotUsage(state, "open");
    }
  }
  Status status = state.Open(path, read_only);
  if (!status.ok()) {
    // Keep the shell usable: fall back to a fresh in-memory database.
    DotResult error = DotError(state, status);
    if (state.Open("", false).ok()) state.PrintError("Using a transient in-memory database.");
    return error;
  }
  return {};
}

DotResult Print(ShellState& state, const Args& args) {
  std::string text;
  for (size_t i = 0; i < args.size(); i++) text += (i > 0 ? " " : "") + args[i];
  state.out().Write(text + "\n");
  return {};
}

DotResult Read(ShellState& state, const Args& args) {
  if (args.size() != 1) return DotUsage(state, "read");
  if (read_depth >= kMaxReadDepth) {
    return DotError(state, InvalidInputError(".read nested more than ", kMaxReadDepth, " deep"));
  }
  std::FILE* file = std::fopen(args[0].c_str(), "rb");
  if (file == nullptr) return DotError(state, IOError("cannot open \"", args[0], "\""));
  read_depth++;
  auto reader = MakeStreamReader(file);
  InputResult input = ProcessInput(state, *reader);
  read_depth--;
  std::fclose(file);
  if (input.end == InputEnd::kExit) return {DotOutcome::kExit, input.exit_code};
  if (input.errors > 0 || input.end == InputEnd::kInterrupted) return {DotOutcome::kError, 0};
  return {};
}

DotResult Show(ShellState& state, const Args&) {
  const ShellSettings& s = state.settings;
  auto on_off = [](bool b) { return b ? "on" : "off"; };
  std::string text;
  auto row = [&](std::string_view name, std::string_view value) {
    text += Concat(std::string(12 - name.size(), ' '), name, ": ", value, "\n");
  };
  row("bail", on_off(s.bail));
  row("changes", on_off(s.changes));
  row("echo", on_off(s.echo));
  row("headers", on_off(s.render.headers));
  row("mode", OutputModeName(s.mode));
  row("nullvalue", Concat("\"", s.render.null_value, "\""));
  row("output", state.out().name());
  row("separator", Concat("\"", s.render.separator, "\""));
  row("timer", on_off(s.timer));
  row("maxrows", s.render.max_rows == 0 ? "0 (all)" : std::to_string(s.render.max_rows));
  row("maxwidth", s.max_width == 0 ? "0 (terminal)" : std::to_string(s.max_width));
  row("filename", state.path());
  row("readonly", on_off(state.read_only()));
  state.out().Write(text);
  return {};
}

const std::vector<DotCommand>& Commands() {
  static const std::vector<DotCommand> commands = {
      {"bail", "on|off", "Stop after hitting an error (default off)",
       Switch(&ShellSettings::bail, "bail")},
      {"changes", "on|off", "Show the number of rows changed by each statement",
       Switch(&ShellSettings::changes, "changes")},
      {"describe", "TABLE", "Show the columns of a table or view", RunDescribeCommand},
      {"echo", "on|off", "Print each command before running it",
       Switch(&ShellSettings::echo, "echo")},
      {"exit", "?CODE?", "Exit the shell with return code CODE", Exit},
      {"headers", "on|off",
       "Show column names in csv, tsv and list modes (tables always have them)", Headers},
      {"help", "?PATTERN?", "Show this help", Help},
      {"import", "?--no-header? ?--delimiter C? FILE TABLE",
       "Load a CSV file into TABLE (created with sniffed types when missing)", RunImportCommand},
      {"maxrows", "N", "Rows box and table modes show before eliding the middle (0 = all)",
       MaxRows},
      {"maxwidth", "N", "Width box and table modes fit into (0 = the terminal's)", MaxWidth},
      {"mode", "MODE", Concat("Set the output mode: ", OutputModeNames()), Mode},
      {"nullvalue", "TEXT", "Text shown for NULL", NullValue},
      {"once", "FILE", "Write the output of the next statement to FILE",
       [](ShellState& s, const Args& a) { return OutputTo(s, a, true); }},
      {"open", "?--readonly? ?FILE?", "Close this database and open FILE (none: in memory)", Open},
      {"output", "?FILE?", "Write output to FILE, or back to stdout without FILE",
       [](ShellState& s, const Args& a) { return OutputTo(s, a, false); }},
      {"print", "TEXT...", "Print TEXT", Print},
      {"quit", "", "Exit the shell", Exit},
      {"read", "FILE", "Run the SQL and dot commands in FILE", Read},
      {"schema", "?PATTERN?", "Show the CREATE statements of tables matching the LIKE PATTERN",
       RunSchemaCommand},
      {"separator", "SEP", "Column separator of list mode", Separator},
      {"show", "", "Show the current settings", Show},
      {"tables", "?PATTERN?", "List tables and views matching the LIKE PATTERN", RunTablesCommand},
      {"timer", "on|off", "Print the run time of each statement",
       Switch(&ShellSettings::timer, "timer")},
  };
  return commands;
}

const DotCommand* FindCommand(const std::string& name) {
  if (name == "header") return FindCommand("headers");
  const DotCommand* prefix_match = nullptr;
  int prefix_matches = 0;
  for (const DotCommand& command : Commands()) {
    if (command.name == name) return &command;
    if (!name.empty() && command.name.substr(0, name.size()) == name) {
      prefix_match = &command;
      prefix_matches++;
    }
  }
  return prefix_matches == 1 ? prefix_match : nullptr;
}

}  // namespace

std::vector<std::string> SplitDotArguments(std::string_view line) {
  std::vector<std::string> args;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && std::isspace(static_cast<unsigned char>(line[i]))) i++;
    if (i >= line.size()) break;
    std::string arg;
    char quote = line[i];
    if (quote == '\'' || quote == '"') {
      for (i++; i < line.size() && line[i] != quote; i++) {
        if (quote == '"' && line[i] == '\\' && i + 1 < line.size()) {
          char next = line[++i];
          arg += next == 'n' ? '\n' : next == 't' ? '\t' : next;
        } else {
          arg += line[i];
        }
      }
      i++;  // the closing quote
    } else {
      while (i < line.size() && !std::isspace(static_cast<unsigned char>(line[i])))
        arg += line[i++];
    }
    args.push_back(std::move(arg));
  }
  return args;
}

DotResult DotError(ShellState& state, const Status& status) {
  state.PrintError(FormatError(status, ""));
  return {DotOutcome::kError, 0};
}

DotResult DotUsage(ShellState& state, std::string_view command) {
  for (const DotCommand& c : Commands()) {
    if (c.name == command) {
      state.PrintError(Concat("Usage: .", c.name, c.usage.empty() ? "" : " ", c.usage));
      return {DotOutcome::kError, 0};
    }
  }
  state.PrintError(Concat("Usage: .", command));
  return {DotOutcome::kError, 0};
}

std::vector<std::string> DotCommandNames() {
  std::vector<std::string> names;
  for (const DotCommand& c : Commands()) names.emplace_back(c.name);
  return names;
}

std::string DotHelp(std::string_view filter) {
  std::string text;
  for (const DotCommand& c : Commands()) {
    if (!filter.empty() && c.name.find(filter) == std::string_view::npos) continue;
    std::string head = Concat(".", c.name, c.usage.empty() ? "" : " ", c.usage);
    text += head.size() < 30 ? Concat(head, std::string(30 - head.size(), ' '), c.help, "\n")
                             : Concat(head, "\n", std::string(30, ' '), c.help, "\n");
  }
  return text;
}

DotResult RunDotCommand(ShellState& state, const std::string& line) {
  std::vector<std::string> args = SplitDotArguments(std::string_view(line).substr(1));
  if (args.empty()) return {};
  const DotCommand* command = FindCommand(args[0]);
  if (command == nullptr) {
    state.PrintError(Concat("Error: unknown command or invalid arguments: \"", args[0],
                            "\". Enter \".help\" for help"));
    return {DotOutcome::kError, 0};
  }
  args.erase(args.begin());
  return command->handler(state, args);
}

}  // namespace fluxdb::shell
