#include "report/finding_text.hpp"

#include "util/text.hpp"

namespace mra::report {

std::string status_label(Status status) {
    switch (status) {
        case Status::not_applicable:
            return "N/A";
        case Status::not_run:
            return "NOT RUN";
        default:
            break;
    }
    return upper_case(to_string(status));
}

std::string evidence_text(const Evidence& value) {
    return value.is_string() ? value.get<std::string>()
                             : value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace mra::report
