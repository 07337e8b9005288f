#include "probe/http/edge_walk.hpp"

#include <functional>

#include "probe/http/url.hpp"
#include "probe/http/xml_responses.hpp"
#include "util/text.hpp"

namespace mra::probe::http {
namespace {

using Parser = std::function<std::string(std::string_view body)>;

// A type that cannot be an XML document: a web page or JSON answered in its place. Absent, XML and
// the generic types that file servers use for any file are accepted.
bool foreign_content_type(const std::string& content_type) {
    const std::string type = lower_case(content_type.substr(0, content_type.find(';')));
    return !type.empty() && type.find("xml") == std::string::npos && type != "application/octet-stream" &&
           type != "text/plain";
}

void mark_not_sent(facts::HttpExchange& exchange, const std::string& resource, const std::string& reason) {
    exchange.resource = resource;
    exchange.outcome = facts::HttpOutcome::not_sent;
    exchange.error = reason;
}

constexpr const char* without_config = "needs a getEdgeConfigResponse, which get_edge_config did not give";

class Walk {
public:
    Walk(const facts::TlsEndpoint& edge, const std::string& domain, const WalkRequest& request,
         const Deadline& deadline)
        : m_domain(domain),
          m_request(request),
          m_deadline(deadline),
          m_client({edge.host, edge.port, {edge.address}}, *request.trust, *request.credentials, request.limits) {
        m_session.host = edge.host;
        m_session.port = edge.port;
        m_session.address = edge.address;
    }

    facts::EdgeSession run() {
        edge_config();
        uds();
        tftp();
        return std::move(m_session);
    }

private:
    // GET, then judge the body with `parser` when the answer is 200.
    void fetch(facts::HttpExchange& exchange, const Parser& parser) {
        const std::string body = m_client.get(exchange, m_deadline);
        if (exchange.outcome != facts::HttpOutcome::response || exchange.status != 200) return;
        if (foreign_content_type(exchange.content_type))
            exchange.xml_error = "the Content-Type is " + exchange.content_type + ", not XML";
        else
            exchange.xml_error = parser(body);
    }

    void tunnelled(facts::HttpExchange& exchange, const std::string& resource, const Url& target,
                   const Parser& parser) {
        exchange.resource = resource;
        exchange.tunnel = target.origin();
        std::string path = target.path;
        if (!path.empty() && path.front() == '/') path.erase(0, 1);
        exchange.path = tunnel_path(m_domain, target.scheme, target.host, target.port, path, m_request.alphabet);
        fetch(exchange, parser);
    }

    void edge_config() {
        auto& exchange = m_session.edge_config;
        exchange.resource = "get_edge_config";
        exchange.path = edge_config_path(m_domain, m_request.alphabet);
        facts::EdgeConfig config;
        fetch(exchange, [&](std::string_view body) { return parse_edge_config(body, config); });
        if (exchange.answered()) m_session.config = std::move(config);
    }

    void uds() {
        auto& uds = m_session.uds;
        const std::string user = percent_encode(m_request.credentials->user);
        const auto skip = [&](const std::string& reason) {
            mark_not_sent(uds.version, "cucm-uds/version", reason);
            mark_not_sent(uds.cluster_user, "cucm-uds/clusterUser", reason);
            mark_not_sent(uds.servers, "cucm-uds/servers", reason);
            mark_not_sent(uds.devices, "cucm-uds/user/" + user + "/devices", reason);
        };
        if (!m_session.config) return skip(without_config);
        const facts::EdgeServer* server = nullptr;
        for (const auto& candidate : m_session.config->user_uds_servers)
            if (!candidate.address.empty() && !server) server = &candidate;
        if (!server) return skip("needs the user's UDS server, but get_edge_config's userUdsServer has no address");

        const Url target{.scheme = "https",
                         .host = lower_case(server->address),
                         .port = server->port ? server->port : std::uint16_t{8443}};
        const auto at = [&](const std::string& path) {
            Url url = target;
            url.path = path;
            return url;
        };
        tunnelled(uds.version, "cucm-uds/version", at("cucm-uds/version"),
                  [&](std::string_view body) { return parse_uds_version(body, uds); });
        tunnelled(uds.cluster_user, "cucm-uds/clusterUser", at("cucm-uds/clusterUser?username=" + user),
                  [&](std::string_view body) { return parse_cluster_user(body, uds); });
        tunnelled(uds.servers, "cucm-uds/servers", at("cucm-uds/servers"),
                  [&](std::string_view body) { return parse_uds_servers(body, uds); });
        tunnelled(uds.devices, "cucm-uds/user/" + user + "/devices", at("cucm-uds/user/" + user + "/devices"),
                  [&](std::string_view body) { return parse_uds_devices(body, uds); });
    }

    // The softphone's configuration file: from its provision URI, as Jabber reads it.
    void device_config(const std::optional<Url>& tftp_server) {
        auto& exchange = m_session.tftp.device_config;
        const auto& uds = m_session.uds;
        if (!uds.devices.answered())
            return mark_not_sent(
                exchange, "device configuration",
                "the device file is named by the UDS devices response, which " +
                    std::string(uds.devices.outcome == facts::HttpOutcome::not_sent ? "was not asked for"
                                                                                    : "did not come back"));
        const facts::UdsDevice* softphone = nullptr;
        for (const auto& device : uds.device_list)
            if (!softphone && facts::is_softphone(device.name)) softphone = &device;
        if (!softphone)
            return mark_not_sent(exchange, "device configuration",
                                 "the user has no softphone device (CSF, BOT, TCT or TAB) in UDS");
        const std::string file = softphone->name + ".cnf.xml";
        auto target = parse_url(softphone->provision_uri);
        if (!target && tftp_server) {
            target = tftp_server;
            target->path = file;
        }
        if (!target)
            return mark_not_sent(
                exchange, file,
                "neither a provision URI for " + softphone->name + " nor a tftpServer to fetch it from");
        tunnelled(exchange, file, *target, xml_error);
    }

    void tftp() {
        auto& tftp = m_session.tftp;
        const auto skip_files = [&](const std::string& reason) {
            mark_not_sent(tftp.service_profile, "SPDefault.cnf.xml", reason);
            mark_not_sent(tftp.jabber_config, "jabber-config.xml", reason);
            mark_not_sent(tftp.app_dial_rules, "CUPC/AppDialRules.xml", reason);
            mark_not_sent(tftp.directory_dial_rules, "CUPC/DirLookupDialRules.xml", reason);
        };
        if (!m_session.config) {
            mark_not_sent(tftp.device_config, "device configuration", without_config);
            return skip_files(without_config);
        }
        std::optional<Url> server;
        for (const auto& address : m_session.config->tftp_servers)
            if (!address.empty() && !server)
                server = Url{.scheme = "http", .host = lower_case(address), .port = 6970};  // TFTP over HTTP
        device_config(server);
        if (!server) return skip_files("needs a TFTP server, but get_edge_config lists no tftpServer address");
        const auto file = [&](facts::HttpExchange& exchange, const std::string& name) {
            Url url = *server;
            url.path = name;
            tunnelled(exchange, name, url, xml_error);
        };
        file(tftp.service_profile, "SPDefault.cnf.xml");
        file(tftp.jabber_config, "jabber-config.xml");
        file(tftp.app_dial_rules, "CUPC/AppDialRules.xml");
        file(tftp.directory_dial_rules, "CUPC/DirLookupDialRules.xml");
    }

    const std::string& m_domain;
    const WalkRequest& m_request;
    const Deadline& m_deadline;
    HttpClient m_client;
    facts::EdgeSession m_session;
};

}  // namespace

facts::EdgeSession walk_edge(const facts::TlsEndpoint& edge, const std::string& domain, const WalkRequest& request,
                             const Deadline& deadline) {
    return Walk(edge, domain, request, deadline).run();
}

}  // namespace mra::probe::http
