#pragma once
// What a finding is about: an endpoint and, when the finding judges one part of what that endpoint
// gave, the part. The history matches findings of two runs by check id and subject name.

#include <string>
#include <string_view>
#include <utility>

namespace mra {

struct Subject {
    // A host, "host:port", an SRV name, a DNS query; "" for the `cert` command's own files.
    std::string endpoint;
    // "leaf", "chain[1]", "chain", a TFTP file's name…; "" when the finding is about the endpoint.
    std::string part;

    Subject() = default;
    // Most checks judge an endpoint as a whole.
    Subject(std::string endpoint) : endpoint(std::move(endpoint)) {}
    Subject(const char* endpoint) : endpoint(endpoint) {}
    Subject(std::string endpoint, std::string part) : endpoint(std::move(endpoint)), part(std::move(part)) {}

    // "expe1.example.com:8443 leaf", "leaf" (the `cert` command), "_collab-edge._tls.example.com".
    std::string name() const {
        if (endpoint.empty() || part.empty()) return endpoint + part;
        return endpoint + " " + part;
    }
    bool empty() const { return endpoint.empty() && part.empty(); }
    friend bool operator==(const Subject&, const Subject&) = default;
    // Not against text: "leaf" would be taken for an endpoint. Compare name() instead.
    friend bool operator==(const Subject&, std::string_view) = delete;
};

}  // namespace mra
