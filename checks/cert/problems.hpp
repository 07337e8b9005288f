#pragma once
// The problems a check found in one chain, each a warning or a failure: the finding's status is the
// worst of them, and its message the first problem of that status, so that a failing chain never
// reads as its lesser warning.

#include <string>
#include <utility>
#include <vector>

#include "core/check.hpp"

namespace mra::checks {

class Problems {
public:
    void add(Status status, std::string problem) {
        if (m_all.empty() || (status == Status::fail && m_status != Status::fail)) {
            m_status = status;
            m_headline = problem;
        }
        m_all.push_back(std::move(problem));
    }
    bool empty() const { return m_all.empty(); }
    Status status() const { return m_status; }
    const std::string& headline() const { return m_headline; }
    const std::vector<std::string>& all() const { return m_all; }

private:
    Status m_status = Status::pass;
    std::string m_headline;
    std::vector<std::string> m_all;
};

}  // namespace mra::checks
