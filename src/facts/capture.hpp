#pragma once
// Capture files (--save-capture FILE, `replay FILE`): every fact of a run plus what is needed to
// rebuild the identical report offline. They hold no secrets: facts never do.

#include <cstdint>
#include <string>

#include "facts/facts.hpp"

namespace mra::facts {

struct Capture {
    std::string command;  // "run"
    std::string profile;  // the profile the run used
    std::int64_t started_at_ms = 0;
    std::int64_t duration_ms = 0;
    Facts facts;
};

// Written atomically, readable by the owner only (mode 0600): captures describe internal networks.
void write_capture(const std::string& path, const Capture& capture);
// InputError with one line when the file is unreadable, not JSON, or not a capture of this version.
Capture read_capture(const std::string& path);

}  // namespace mra::facts
