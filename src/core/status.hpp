#pragma once
// The vocabulary of results: finding statuses, severities, overall status and exit codes (what
// each means: docs/ARCHITECTURE.md, "Results" and "Score, grade, verdict and exit code").

#include <array>
#include <optional>
#include <string_view>

namespace mra {

enum class Status { pass, info, warn, fail, error, not_applicable, not_run };
inline constexpr std::array all_statuses{Status::pass,  Status::info,           Status::warn,   Status::fail,
                                         Status::error, Status::not_applicable, Status::not_run};
enum class Severity { critical, major, minor, info };

// Monitoring-style overall verdict; the enum value is the process exit code (the man page's EXIT
// STATUS).
enum class Verdict { ok = 0, warning = 1, critical = 2, unknown = 3 };

std::string_view to_string(Status status);
std::string_view to_string(Severity severity);
std::string_view to_string(Verdict verdict);
std::optional<Status> parse_status(std::string_view text);
std::optional<Severity> parse_severity(std::string_view text);
std::optional<Verdict> parse_verdict(std::string_view text);

// What a reader has to act on, and what writers put first.
inline bool is_problem(Status status) {
    return status == Status::warn || status == Status::fail || status == Status::error;
}

inline int exit_code(Verdict verdict) {
    return static_cast<int>(verdict);
}

}  // namespace mra
