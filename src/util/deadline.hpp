#pragma once
// One deadline for a whole run, shared by every probe: no network call may outlive it.

#include <algorithm>
#include <chrono>
#include <cstdint>

namespace mra {

class Deadline {
public:
    using Clock = std::chrono::steady_clock;
    explicit Deadline(std::chrono::milliseconds budget) : m_end(Clock::now() + budget) {}

    std::chrono::milliseconds remaining() const {
        return std::max(std::chrono::milliseconds(0),
                        std::chrono::duration_cast<std::chrono::milliseconds>(m_end - Clock::now()));
    }
    bool expired() const { return Clock::now() >= m_end; }
    // The sooner of this deadline and `budget` from now: a per-step limit inside the run's.
    Deadline within(std::chrono::milliseconds budget) const { return Deadline(std::min(m_end, Clock::now() + budget)); }
    Clock::time_point end() const { return m_end; }

private:
    explicit Deadline(Clock::time_point end) : m_end(end) {}
    Clock::time_point m_end;
};

// Whole milliseconds from `start` to now: how long a step took, as the facts record it.
inline std::int64_t milliseconds_since(Deadline::Clock::time_point start) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(Deadline::Clock::now() - start).count();
}

}  // namespace mra
