#pragma once
// ldns for C++: the one way this project includes it, and owners for its objects.
//
// ldns/common.h defines `bool`, `true` and `false` as macros unless __bool_true_false_are_defined
// is set; in C++ that breaks every standard header included after it (<optional>'s operator<=>
// stops compiling). <stdbool.h> sets the guard and is otherwise a no-op in C++.

#include <stdbool.h>  // NOLINT(modernize-deprecated-headers): must come before ldns, see above

#include <ldns/ldns.h>

#include <cstdint>
#include <cstdlib>
#include <memory>

namespace mra::probe::dns {

struct LdnsFree {
    void operator()(ldns_resolver* resolver) const { ldns_resolver_deep_free(resolver); }
    void operator()(ldns_pkt* packet) const { ldns_pkt_free(packet); }
    void operator()(ldns_rdf* rdf) const { ldns_rdf_deep_free(rdf); }
    void operator()(ldns_rr* rr) const { ldns_rr_free(rr); }
    void operator()(char* text) const { std::free(text); }          // ldns_*2str results are malloc'd
    void operator()(std::uint8_t* wire) const { std::free(wire); }  // ldns_pkt2wire results too
};

template <typename T>
using LdnsOwned = std::unique_ptr<T, LdnsFree>;

}  // namespace mra::probe::dns
