#pragma once
// Expressway software versions ("X15.4.0"): read from the --expressway-version flag or a profile
// option (leniently: "X15.4", "X15.4.0", "15.4"), and from the Server / User-Agent header of an
// Expressway's SIP answers, which names it: "TANDBERG/4352 (X15.4.0)". Pure functions, no I/O.

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace mra::facts {

struct ExpresswayVersion {
    int major = 0;
    int minor = 0;
    int maintenance = 0;

    std::string text() const;  // "X15.4.0"
    auto operator<=>(const ExpresswayVersion&) const = default;
};

// "X15.4", "x15.4.0", "15.4", " X14.0.2 " → the version; anything else (junk, "X15", "X15.4.0.1",
// a number out of range) → nullopt.
std::optional<ExpresswayVersion> parse_expressway_version(std::string_view text);

// The version an Expressway names in its SIP Server or User-Agent header, "TANDBERG/4352 (X15.4.0)";
// nullopt when the header names none (another product, or an Expressway that hides it).
std::optional<ExpresswayVersion> expressway_version_in_header(std::string_view header);

}  // namespace mra::facts
