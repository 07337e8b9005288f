#pragma once
// The service DOMAIN a user gives (the run argument, a fleet target's domain), checked before
// anything is sent: a host name the DNS can carry, an internationalised one in its A-label form.

#include <string>
#include <string_view>

namespace mra {

// The domain as the DNS is asked for it: lower case, without a trailing dot, an internationalised
// name converted to its A-label (RFC 5891 §4 through libidn2: "bücher.example" →
// "xn--bcher-kva.example"). Throws InputError, one line naming the input and the rule it breaks, for
// an empty label, a label of more than 63 octets or a name of more than 253 (RFC 1035 §2.3.4), a
// character outside letters, digits and '-' or a label that starts or ends with '-' (RFC 1035
// §2.3.1, RFC 5890 §2.3.1 LDH labels), or a name libidn2 refuses.
std::string validated_domain(std::string_view input);

}  // namespace mra
