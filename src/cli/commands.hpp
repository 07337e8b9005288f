#pragma once
// Subcommands. Each takes its own arguments (argv[0] is the subcommand) and returns the exit code;
// each throws mra::InputError for anything the user gave that cannot be used.

namespace mra::cli {

int cert_command(int argc, const char* const* argv);
int run_command(int argc, const char* const* argv);
int replay_command(int argc, const char* const* argv);
int sip_command(int argc, const char* const* argv);
int checks_command(int argc, const char* const* argv);
int profiles_command(int argc, const char* const* argv);
int history_command(int argc, const char* const* argv);

}  // namespace mra::cli
