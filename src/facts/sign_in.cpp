#include "facts/sign_in.hpp"

#include <array>
#include <string_view>

#include "util/text.hpp"

namespace mra::facts {
namespace {

// The device types Jabber registers as, by the names CUCM gives them (Cisco Jabber Planning Guide,
// "Create Software Phone Devices" / "Create Mobile Devices").
constexpr std::array<std::string_view, 4> softphone_types{
    "cisco unified client services framework",
    "cisco dual mode for iphone",
    "cisco dual mode for android",
    "cisco jabber for tablet",
};

bool is_softphone_type(const std::string& text) {
    const std::string type = lower_case(text);
    for (const auto known : softphone_types)
        if (type == known) return true;
    return false;
}

// CSF (desktop), BOT (Android), TCT (iPhone), TAB (tablet): required for the mobile types only.
bool has_softphone_prefix(const std::string& name) {
    const std::string prefix = lower_case(name.substr(0, 3));
    return prefix == "csf" || prefix == "bot" || prefix == "tct" || prefix == "tab";
}

}  // namespace

bool is_softphone(const UdsDevice& device) {
    if (is_softphone_type(device.model) || is_softphone_type(device.product)) return true;
    return device.model.empty() && has_softphone_prefix(device.name);
}

const UdsDevice* softphone_of(const UdsFacts& uds) {
    for (const auto& device : uds.device_list)
        if (is_softphone(device)) return &device;
    return nullptr;
}

}  // namespace mra::facts
