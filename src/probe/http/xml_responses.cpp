#include "probe/http/xml_responses.hpp"

#include <tinyxml2.h>

#include <charconv>
#include <cstring>
#include <vector>

namespace mra::probe::http {
namespace {

using tinyxml2::XMLDocument;
using tinyxml2::XMLElement;

// The element name without its namespace prefix.
std::string_view local_name(const XMLElement& element) {
    const std::string_view name = element.Name();
    const auto colon = name.find(':');
    return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

std::vector<const XMLElement*> children(const XMLElement* parent, std::string_view name) {
    std::vector<const XMLElement*> found;
    if (!parent) return found;
    for (const XMLElement* child = parent->FirstChildElement(); child; child = child->NextSiblingElement())
        if (local_name(*child) == name) found.push_back(child);
    return found;
}

const XMLElement* child(const XMLElement* parent, std::string_view name) {
    const auto found = children(parent, name);
    return found.empty() ? nullptr : found.front();
}

// The trimmed text of an element; empty when absent or empty.
std::string own_text(const XMLElement* element) {
    const char* text = element ? element->GetText() : nullptr;
    if (!text) return {};
    std::string_view value = text;
    const auto first = value.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return {};
    value = value.substr(first, value.find_last_not_of(" \t\r\n") - first + 1);
    return std::string(value);
}

// The trimmed text of a child element; empty when absent or empty.
std::string text_of(const XMLElement* parent, std::string_view name) {
    return own_text(child(parent, name));
}

std::uint16_t port_number(std::string_view padded) {
    const auto first = padded.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return 0;
    const std::string_view text = padded.substr(first, padded.find_last_not_of(" \t\r\n") - first + 1);
    unsigned value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    return error == std::errc() && end == text.data() + text.size() && value <= 65535
               ? static_cast<std::uint16_t>(value)
               : 0;
}

std::uint16_t port_of(const XMLElement* parent, std::string_view name) {
    return port_number(text_of(parent, name));
}

// Parses `body`; on success the root element, which must be named `root`.
const XMLElement* parse(XMLDocument& document, std::string_view body, std::string_view root, std::string& error) {
    if (body.empty()) {
        error = "the body is empty";
        return nullptr;
    }
    if (document.Parse(body.data(), body.size()) != tinyxml2::XML_SUCCESS) {
        error = std::string("not well-formed XML: ") + document.ErrorStr();
        return nullptr;
    }
    const XMLElement* element = document.RootElement();
    if (!element) {
        error = "no root element";
        return nullptr;
    }
    if (!root.empty() && local_name(*element) != root) {
        error = "the root element is <" + std::string(element->Name()) + ">, not <" + std::string(root) + ">";
        return nullptr;
    }
    return element;
}

// The servers of every <`name`> group, at most facts::max_listed.
std::vector<facts::EdgeServer> edge_servers(const XMLElement* edge_config, std::string_view name,
                                            std::vector<facts::Cut>& cuts) {
    std::vector<facts::EdgeServer> servers;
    for (const XMLElement* group : children(edge_config, name))
        for (const XMLElement* server : children(group, "server")) {
            facts::EdgeServer entry{.address = text_of(server, "address"), .port = port_of(server, "tlsPort")};
            if (!entry.port) entry.port = port_of(server, "udpPort");
            entry.tcp_port = port_of(server, "tcpPort");
            servers.push_back(std::move(entry));
        }
    facts::keep_first(servers, "<" + std::string(name) + "> servers", cuts);
    return servers;
}

// The elements without element children under `parent`, in document order (depth-first).
void leaves(const XMLElement* parent, std::vector<const XMLElement*>& found) {
    for (const XMLElement* element = parent->FirstChildElement(); element; element = element->NextSiblingElement())
        if (element->FirstChildElement())
            leaves(element, found);
        else
            found.push_back(element);
}

bool ends_with_port(std::string_view name) {
    if (name.size() < 4) return false;
    std::string tail(name.substr(name.size() - 4));
    for (char& c : tail) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    return tail == "port";
}

// tcpPort is the TCP port; udpPort, else the first other *Port, the UDP one a STUN binding goes to.
void assign_port(facts::EdgeServer& server, std::string_view name, std::uint16_t port) {
    if (name == "tcpPort")
        server.tcp_port = port;
    else if (name == "udpPort" || !server.port)
        server.port = port;
}

// <turnEdgeServer>, read generously: no published response shows its children (the one complete
// published getEdgeConfigResponse, Cisco TAC document 211304, has it empty). Every <address> starts
// a server; every *Port element after it is its port (udpPort first, then tcpPort; a tlsPort or other
// port when no udpPort comes). The leaves, as sent, go to `raw` for the evidence.
std::vector<facts::EdgeServer> turn_servers(const XMLElement* edge_config, std::vector<std::string>& raw,
                                            std::vector<facts::Cut>& cuts) {
    std::vector<facts::EdgeServer> servers;
    for (const XMLElement* group : children(edge_config, "turnEdgeServer")) {
        std::vector<const XMLElement*> found;
        leaves(group, found);
        std::vector<std::pair<std::string, std::uint16_t>> pending;  // ports before any address
        for (const XMLElement* leaf : found) {
            const std::string_view name = local_name(*leaf);
            const std::string text = own_text(leaf);
            raw.push_back(std::string(name) + "=" + text);
            if (name == "address") {
                servers.push_back({.address = text});
                continue;
            }
            if (!ends_with_port(name)) continue;
            const std::uint16_t port = port_number(text);
            if (servers.empty()) {
                pending.emplace_back(std::string(name), port);
                continue;
            }
            assign_port(servers.back(), name, port);
        }
        if (!servers.empty())
            for (const auto& [name, port] : pending) assign_port(servers.front(), name, port);
    }
    facts::keep_first(servers, "<turnEdgeServer> servers", cuts);
    facts::keep_first(raw, "<turnEdgeServer> elements", cuts);
    return servers;
}

}  // namespace

std::string parse_edge_config(std::string_view body, facts::EdgeConfig& config) {
    XMLDocument document;
    std::string error;
    const XMLElement* root = parse(document, body, "getEdgeConfigResponse", error);
    if (!root) return error;
    if (const char* version = root->Attribute("version")) config.version = version;

    const XMLElement* service_config = child(root, "serviceConfig");
    auto services = children(service_config, "service");
    facts::keep_first(services, "<serviceConfig> services", config.cuts);
    for (const XMLElement* service : services) {
        const std::string name = text_of(service, "name");
        if (name == "tftpServer") {
            for (const XMLElement* address : children(service, "address"))
                config.tftp_servers.push_back(own_text(address));
            continue;
        }
        facts::EdgeService entry{.name = name, .error = text_of(service, "error")};
        for (const XMLElement* server : children(service, "server"))
            entry.servers.push_back({.priority = port_of(server, "priority"),
                                     .weight = port_of(server, "weight"),
                                     .port = port_of(server, "port"),
                                     .target = text_of(server, "address")});
        facts::keep_first(entry.servers, "servers of the " + name + " service", config.cuts);
        config.services.push_back(std::move(entry));
    }
    facts::keep_first(config.tftp_servers, "tftpServer addresses", config.cuts);

    const XMLElement* edge_config = child(root, "edgeConfig");
    if (!service_config && !edge_config)
        return "the getEdgeConfigResponse has neither <serviceConfig> nor <edgeConfig>";
    config.sip_edge_servers = edge_servers(edge_config, "sipEdgeServer", config.cuts);
    for (const XMLElement* request : children(edge_config, "sipRequest"))
        for (const XMLElement* route : children(request, "route"))
            if (route->GetText()) config.sip_routes.push_back(route->GetText());
    facts::keep_first(config.sip_routes, "<sipRequest> routes", config.cuts);
    config.xmpp_edge_servers = edge_servers(edge_config, "xmppEdgeServer", config.cuts);
    config.http_edge_servers = edge_servers(edge_config, "httpEdgeServer", config.cuts);
    config.turn_edge_servers = turn_servers(edge_config, config.turn_raw, config.cuts);
    config.user_uds_servers = edge_servers(edge_config, "userUdsServer", config.cuts);
    return {};
}

std::string parse_uds_version(std::string_view body, facts::UdsFacts& uds) {
    XMLDocument document;
    std::string error;
    const XMLElement* root = parse(document, body, "versionInformation", error);
    if (!root) return error;
    // <version> is the CUCM version; the version attribute is the UDS schema's (Cisco UDS Developer
    // Guide, version resource: 10.0.0 beside 11.5.1). Older releases send the same in both.
    uds.version_number = text_of(root, "version");
    if (const char* schema = root->Attribute("version")) uds.schema_version = schema;
    return {};
}

std::string parse_cluster_user(std::string_view body, facts::UdsFacts& uds) {
    XMLDocument document;
    std::string error;
    const XMLElement* root = parse(document, body, "clusterUser", error);
    if (!root) return error;
    const XMLElement* result = child(root, "result");
    const char* found = result ? result->Attribute("found") : nullptr;
    if (!found) return "<clusterUser> has no <result found=…>";
    if (std::strcmp(found, "true") != 0 && std::strcmp(found, "false") != 0)
        return "<result found=\"" + std::string(found) + "\"> is neither true nor false";
    uds.user_found = std::strcmp(found, "true") == 0;
    uds.home_cluster = text_of(root, "homeCluster");
    return {};
}

std::string parse_uds_servers(std::string_view body, facts::UdsFacts& uds) {
    XMLDocument document;
    std::string error;
    const XMLElement* root = parse(document, body, "servers", error);
    if (!root) return error;
    for (const XMLElement* server : children(root, "server"))
        if (std::string name = own_text(server); !name.empty()) uds.server_names.push_back(std::move(name));
    facts::keep_first(uds.server_names, "<servers> servers", uds.cuts);
    return {};
}

namespace {

// A URI given as a <uri> child or as a uri attribute (Cisco UDS Developer Guide, user resource, both
// shapes published; the child wins where both are sent).
std::string uri_of(const XMLElement* element) {
    std::string uri = text_of(element, "uri");
    if (uri.empty() && element)
        if (const char* attribute = element->Attribute("uri")) uri = attribute;
    return uri;
}

}  // namespace

std::string parse_uds_user(std::string_view body, facts::UdsFacts& uds) {
    XMLDocument document;
    std::string error;
    const XMLElement* root = parse(document, body, "user", error);
    if (!root) return error;
    uds.record.service_profile_uri = uri_of(child(root, "serviceProfile"));
    uds.record.jabber_profile_uri = uri_of(child(root, "jabberProfile"));
    if (const XMLElement* home = child(root, "homeCluster"))
        if (const char* enabled = home->Attribute("enableImAndPresence")) {
            if (std::strcmp(enabled, "true") == 0) uds.record.im_and_presence = true;
            if (std::strcmp(enabled, "false") == 0) uds.record.im_and_presence = false;
        }
    return {};
}

std::string parse_uds_devices(std::string_view body, facts::UdsFacts& uds) {
    XMLDocument document;
    std::string error;
    const XMLElement* root = parse(document, body, "devices", error);
    if (!root) return error;
    for (const XMLElement* device : children(root, "device"))
        uds.device_list.push_back({.name = text_of(device, "name"),
                                   .model = text_of(device, "model"),
                                   .product = text_of(device, "product"),
                                   .protocol = text_of(device, "protocol"),
                                   .provision_uri = text_of(child(device, "provision"), "uri")});
    facts::keep_first(uds.device_list, "<devices> devices", uds.cuts);
    return {};
}

namespace {

void named_in(const XMLElement* element, std::vector<NamedInFile>& found) {
    for (const XMLElement* child = element->FirstChildElement(); child; child = child->NextSiblingElement()) {
        const std::string_view name = local_name(*child);
        if (name == "serviceProfileInfoElement" && text_of(child, "serviceType") == "Voicemail") {
            if (const std::string host = text_of(child, "server1"); !host.empty()) found.push_back({"voicemail", host});
        } else if (name == "UpdateUrl" || name == "PhotoUriWithToken" || name == "PhotoUriSubstitutionString") {
            if (const std::string url = own_text(child); !url.empty())
                found.push_back({name == "UpdateUrl" ? "update" : "photo", url});
        }
        named_in(child, found);
    }
}

}  // namespace

std::vector<NamedInFile> named_servers(std::string_view body) {
    std::vector<NamedInFile> found;
    XMLDocument document;
    std::string error;
    if (const XMLElement* root = parse(document, body, "", error)) named_in(root, found);
    if (found.size() > facts::max_listed) found.resize(facts::max_listed);
    return found;
}

std::string xml_error(std::string_view body) {
    XMLDocument document;
    std::string error;
    parse(document, body, "", error);
    return error;
}

}  // namespace mra::probe::http
