#include "core/status.hpp"

#include <array>
#include <utility>

#include "util/name_table.hpp"

namespace mra {
namespace {

constexpr std::array status_names{
    std::pair{Status::pass, "pass"},       std::pair{Status::info, "info"},
    std::pair{Status::warn, "warn"},       std::pair{Status::fail, "fail"},
    std::pair{Status::error, "error"},     std::pair{Status::not_applicable, "not_applicable"},
    std::pair{Status::not_run, "not_run"},
};
constexpr std::array severity_names{
    std::pair{Severity::critical, "critical"},
    std::pair{Severity::major, "major"},
    std::pair{Severity::minor, "minor"},
    std::pair{Severity::info, "info"},
};
constexpr std::array verdict_names{
    std::pair{Verdict::ok, "ok"},
    std::pair{Verdict::warning, "warning"},
    std::pair{Verdict::critical, "critical"},
    std::pair{Verdict::unknown, "unknown"},
};

}  // namespace

std::string_view to_string(Status status) {
    return name_of(status_names, status);
}
std::string_view to_string(Severity severity) {
    return name_of(severity_names, severity);
}
std::string_view to_string(Verdict verdict) {
    return name_of(verdict_names, verdict);
}
std::optional<Status> parse_status(std::string_view text) {
    return value_of(status_names, text);
}
std::optional<Severity> parse_severity(std::string_view text) {
    return value_of(severity_names, text);
}
std::optional<Verdict> parse_verdict(std::string_view text) {
    return value_of(verdict_names, text);
}

}  // namespace mra
