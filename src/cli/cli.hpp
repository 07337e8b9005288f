#pragma once

namespace mra::cli {

// The whole program: picks the subcommand, runs it, and is the one place where errors become
// exit codes (3, with one line on stderr) — nothing escapes as a crash.
int main(int argc, const char* const* argv);

}  // namespace mra::cli
