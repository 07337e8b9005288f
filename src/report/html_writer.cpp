#include "report/html_writer.hpp"

#include <algorithm>
#include <sstream>

#include "report/client_path.hpp"
#include "report/finding_groups.hpp"
#include "report/finding_text.hpp"
#include "report/text_writer.hpp"
#include "util/text.hpp"
#include "util/time.hpp"

namespace mra::report {
namespace {

// No selector or value may contain '<' or '&': the page stays well-formed XML (see the header).
constexpr std::string_view style = R"(
:root { --pass: #1a7f37; --info: #0969da; --warn: #9a6700; --fail: #cf222e; --error: #8250df;
  --muted: #656d76; --line: #d0d7de; --text: #1f2328; }
* { box-sizing: border-box; }
body { margin: 0; padding: 1rem; background: #f6f8fa; color: var(--text);
  font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
header, nav, .errors, main > section { max-width: 1200px; margin: 0 auto 1rem; padding: 1rem 1.5rem; background: #fff;
  border: 1px solid var(--line); border-radius: 8px; }
h1, h2, h3 { margin: 0 0 .5rem; overflow-wrap: anywhere; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.25rem; } h3 { font-size: 1.05rem; }
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .9em; }
header { display: flex; gap: 2rem; align-items: center; border-left: 12px solid var(--muted); }
header.v-ok { border-left-color: var(--pass); } header.v-warning { border-left-color: var(--warn); }
header.v-critical { border-left-color: var(--fail); }
.mark { min-width: 9rem; text-align: center; }
.grade { font-size: 4.5rem; font-weight: 700; line-height: 1; }
.score { font-size: 1.7rem; font-weight: 600; }
.score small, .withheld { color: var(--muted); font-size: 1rem; font-weight: 400; }
.verdict { font-size: 1.2rem; font-weight: 700; margin: 0 0 .5rem; }
.v-ok .verdict { color: var(--pass); } .v-warning .verdict { color: var(--warn); }
.v-critical .verdict { color: var(--fail); } .v-unknown .verdict { color: var(--muted); }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1rem; margin: .25rem 0; }
dt { color: var(--muted); }
dd { margin: 0; overflow-wrap: anywhere; white-space: pre-wrap; }
.errors { border-left: 6px solid var(--fail); }
nav ol { margin: 0; padding-left: 1.5rem; }
.counts { color: var(--muted); }
.badge { display: inline-block; padding: 0 .4rem; border-radius: 4px; background: var(--status, var(--muted));
  color: #fff; font-size: .8rem; font-weight: 700; text-align: center; }
ol.findings { list-style: none; margin: 0; padding: 0; }
.s-pass { --status: var(--pass); } .s-info { --status: var(--info); } .s-warn { --status: var(--warn); }
.s-fail { --status: var(--fail); } .s-error { --status: var(--error); }
li.finding { display: grid; grid-template-columns: 5.6rem 14rem 4.5rem minmax(0, 1fr) 5rem;
  column-gap: .6rem;
  align-items: baseline; padding: .3rem .7rem; border-top: 1px solid var(--line);
  border-left: 4px solid var(--status, var(--muted)); }
li.s-fail, li.s-error { background: #fff6f6; } li.s-warn { background: #fffbea; }
.check { font-weight: 600; overflow-wrap: anywhere; }
.severity, .see { color: var(--muted); font-size: .85rem; }
.what p { margin: 0; overflow-wrap: anywhere; white-space: pre-wrap; }
.what p.fix { margin: .25rem 0 .1rem; }
.subject { font-weight: 600; }
details { font-size: .85rem; }
li.finding > details[open] { grid-column: 1 / -1; margin: .2rem 0 .2rem 20.7rem; }
summary { cursor: pointer; color: var(--muted); }
.chains { display: grid; grid-template-columns: repeat(auto-fill, minmax(350px, 1fr)); gap: 1rem; }
article.chain { border: 1px solid var(--line); border-radius: 6px; padding: .75rem; }
.trust { margin: 0 0 .6rem; font-weight: 600; }
.trusted .trust { color: var(--pass); } .untrusted .trust, .unavailable .trust { color: var(--fail); }
ol.path { list-style: none; margin: 0; padding: 0; }
li.cert { position: relative; margin: 0 0 1.6rem; padding: .5rem .7rem; border: 1px solid var(--line);
  border-left: 4px solid var(--info); border-radius: 6px; overflow-wrap: anywhere; }
li.cert:last-child { margin-bottom: 0; }
li.cert:not(:last-child)::after { content: "\2193  issued by"; position: absolute; left: 1rem; bottom: -1.45rem;
  color: var(--muted); font-size: .8rem; }
li.anchor { border-left-color: var(--pass); }
.role { color: var(--muted); font-size: .8rem; font-weight: 600; }
.cert .subject { display: block; }
.name { display: inline-block; max-width: 100%; }
.cert code { font-size: .75rem; }
.bad { color: var(--fail); font-weight: 600; }
)";

// Every value of a report may come from a hostile server or file: all text goes through here.
std::string escape(std::string_view text) {
    std::string result;
    for (const char c : printable_utf8(text)) {
        switch (c) {
            case '&':
                result += "&amp;";
                break;
            case '<':
                result += "&lt;";
                break;
            case '>':
                result += "&gt;";
                break;
            case '"':
                result += "&quot;";
                break;
            case '\'':
                result += "&#39;";
                break;
            default:
                result += c;
        }
    }
    return result;
}

// <name class="…">content</name>; `content` is markup already, `css_class` our own words.
std::string element(std::string_view name, std::string_view css_class, const std::string& content) {
    std::string open(name);
    if (!css_class.empty()) open += " class=\"" + std::string(css_class) + "\"";
    return "<" + open + ">" + content + "</" + std::string(name) + ">";
}

std::string status_class(Status status) {
    return "s-" + std::string(to_string(status));
}

// "2 fail, 1 warn, 40 pass": problems first, statuses with no finding left out.
std::string count_words(const std::array<int, all_statuses.size()>& counts) {
    std::string words;
    for (Status status : {Status::fail, Status::error, Status::warn, Status::info, Status::pass, Status::not_applicable,
                          Status::not_run}) {
        const int count = counts[static_cast<std::size_t>(status)];
        if (count == 0) continue;
        std::string name(to_string(status));
        std::replace(name.begin(), name.end(), '_', ' ');
        words += (words.empty() ? "" : ", ") + std::to_string(count) + " " + name;
    }
    return words.empty() ? "no findings" : words;
}

std::string header(const Report& report) {
    const std::string verdict = upper_case(to_string(report.verdict));
    std::string mark =
        report.score
            ? element("div", "grade", escape(report.grade.value_or("?"))) +
                  element("div", "score", std::to_string(*report.score) + element("small", "", "/100"))
            : element("div", "grade", "?") + element("div", "score", element("small", "withheld", "score withheld"));
    std::string about;
    auto add = [&](std::string_view term, const std::string& description) {
        about += element("dt", "", std::string(term)) + element("dd", "", description);
    };
    add("Command", escape("mra-preflight " + report.command + " " + report.target));
    add("Profile", escape(report.profile));
    add("Evaluated at", escape(rfc3339(report.evaluated_at)));
    add("Started", escape(rfc3339_ms(report.started_at_ms)));
    add("Duration", decimal_seconds(report.duration_ms) + " s");
    add("Findings", escape(count_words(count_statuses(report.findings))));
    add("Tool", "mra-preflight " + escape(MRA_VERSION));

    std::string headline = element("h1", "", escape(report.target));
    headline += element("p", "verdict",
                        "Status " + verdict +
                            (report.score ? ": score " + std::to_string(*report.score) + "/100, grade " +
                                                escape(report.grade.value_or("?"))
                                          : std::string(": score withheld")));
    if (!report.score)
        headline += element("p", "withheld", "The score is withheld: " + escape(report.score_withheld_because));
    headline += element("dl", "", about);
    return element("header", "v-" + std::string(to_string(report.verdict)),
                   element("div", "mark", mark) + element("div", "headline", headline));
}

std::string input_errors(const Report& report) {
    if (report.input_errors.empty()) return {};
    std::string items;
    for (const auto& error : report.input_errors) items += element("li", "", escape(error));
    return element("section", "errors",
                   element("h2", "", "Inputs that could not be judged") + element("ul", "", items));
}

std::string stage_anchor(const PathStage& stage) {
    return "stage-" + std::string(stage.key);
}

std::string contents(const std::vector<PathStage>& stages, const Report& report) {
    std::string items;
    for (const PathStage& stage : stages) {
        items += element("li", "",
                         "<a href=\"#" + stage_anchor(stage) + "\">" + std::string(stage.title) + "</a> " +
                             element("span", "counts", escape(count_words(count_statuses(stage.findings)))));
    }
    if (!report.chains.empty())
        items += element("li", "",
                         "<a href=\"#chains\">Certificate chains</a> " +
                             element("span", "counts", std::to_string(report.chains.size()) + " judged"));
    return element("nav", "", element("h2", "", "Along the client's path") + element("ol", "", items));
}

std::string evidence_list(const Evidence& evidence) {
    std::string items;
    for (const auto& [key, value] : evidence.items())
        items += element("dt", "", escape(key)) + element("dd", "", escape(evidence_text(value)));
    return element("dl", "", items);
}

// One row for the findings of a group (the same check, status and message on every subject it
// lists): status, check, severity, then the subjects and the message; for a problem the fix, what
// the check expects and where that comes from below them (as the text report gives them).
// data-findings says how many findings the row stands for.
std::string finding(const FindingGroup& group) {
    const Result& result = group.first().result;
    const CheckInfo& check = *group.first().check;
    const std::string subjects = group.subject_list();
    std::string line = subjects.empty() ? "" : element("span", "subject", escape(subjects)) + ": ";
    line += element("span", "message", escape(result.message));
    std::string what;
    if (is_problem(result.status)) {
        what = element("p", "", line) + element("p", "fix", "<strong>Fix:</strong> " + escape(check.remediation)) +
               element("p", "see", "Expected: " + escape(check.summary) + " See " + escape(check.citation));
    } else {
        what = element("p", "", line + " " + element("span", "see", "See " + escape(check.citation)));
    }
    std::string evidence;
    if (group.evidence_differs()) {
        for (const Finding* each : group.findings)
            if (!each->result.evidence.empty())
                evidence +=
                    element("h3", "", escape(each->result.subject.name())) + evidence_list(each->result.evidence);
    } else if (!result.evidence.empty()) {
        evidence = evidence_list(result.evidence);
    }
    // Beside the row while closed, across the row when open (the CSS moves it).
    if (!evidence.empty()) evidence = element("details", "", element("summary", "", "Evidence") + evidence);
    return "<li class=\"finding " + status_class(result.status) + "\" data-check=\"" + escape(check.id) +
           "\" data-findings=\"" + std::to_string(group.findings.size()) + "\">" +
           element("span", "badge", escape(status_label(result.status))) + element("code", "check", escape(check.id)) +
           element("span", "severity", escape(to_string(group.first().severity))) + element("div", "what", what) +
           evidence + "</li>";
}

std::string stage_section(const PathStage& stage) {
    // What needs doing first, as the text report orders it; each part in report order.
    std::string items;
    for (const bool problems : {true, false}) {
        std::vector<const Finding*> part;
        for (const Finding* each : stage.findings)
            if (is_problem(each->result.status) == problems) part.push_back(each);
        for (const FindingGroup& group : group_identical(part)) items += finding(group);
    }
    return "<section class=\"stage\" id=\"" + stage_anchor(stage) + "\">" +
           element("h2", "", std::string(stage.title)) +
           element("p", "counts", escape(count_words(count_statuses(stage.findings)))) +
           element("ol", "findings", items) + "</section>";
}

std::string days(std::int64_t count) {
    return std::to_string(count) + (count == 1 ? " day" : " days");
}

// Against the time the report judged validity at.
std::string countdown(const CertificateSummary& certificate, std::int64_t now) {
    if (now < certificate.not_before)
        return element(
            "span", "countdown bad",
            "not valid before " + date_only(certificate.not_before) + ", in " + days(certificate.days_until_valid));
    const std::int64_t left = certificate.days_left;
    if (now > certificate.not_after)
        return element("span", "countdown bad",
                       left == 0 ? std::string("expired less than a day ago") : "expired " + days(-left) + " ago");
    return element("span", "countdown",
                   left == 0 ? std::string("expires in less than a day") : "expires in " + days(left));
}

std::string role(const ChainSummary& chain, std::size_t position) {
    const CertificateSummary& certificate = chain.path[position];
    const bool self_signed = certificate.subject == certificate.issuer;
    if (position == 0) return self_signed ? "Leaf (self-signed)" : "Leaf";
    if (position + 1 == chain.path.size() && certificate.is_ca && self_signed) return "Root CA";
    return certificate.is_ca ? "Intermediate CA" : "Certificate (not a CA)";
}

// Each name kept whole on a line where it fits: "collab-edge.example.com" is not to break at its hyphen.
std::string names(const std::vector<std::string>& names) {
    std::string result;
    for (const auto& name : names) result += (result.empty() ? "" : ", ") + element("span", "name", escape(name));
    return result;
}

std::string certificate_item(const ChainSummary& chain, std::size_t position, std::int64_t now) {
    const CertificateSummary& certificate = chain.path[position];
    std::string body = element("div", "role", role(chain, position));
    body += element("span", "subject", escape(certificate.subject));
    std::string about;
    about +=
        element("dt", "", "Names") + element("dd", "", certificate.names.empty() ? "none" : names(certificate.names));
    about += element("dt", "", "Issuer") + element("dd", "", escape(certificate.issuer));
    about += element("dt", "", "Not after") +
             element("dd", "", escape(date_only(certificate.not_after)) + ", " + countdown(certificate, now));
    about += element("dt", "", "SHA-256") + element("dd", "", element("code", "", escape(certificate.sha256)));
    body += element("dl", "", about);
    return "<li class=\"cert\" data-position=\"" + std::to_string(position) + "\">" + body + "</li>";
}

std::string chain_article(const ChainSummary& chain, const Report& report) {
    // The `cert` command's own chain has no endpoint: it is the files given, named by the target.
    std::string body = element("h3", "", escape(chain.label.empty() ? report.target : chain.label));
    std::string state;
    if (chain.path.empty()) {
        state = "unavailable";
        body += element("p", "trust",
                        "No chain: " + escape(chain.unavailable_reason.empty() ? std::string("none was obtained")
                                                                               : chain.unavailable_reason));
    } else {
        state = chain.trusted ? "trusted" : "untrusted";
        body += element("p", "trust",
                        (chain.trusted ? "Trusted" : "Not trusted") +
                            (chain.trust_result.empty() ? std::string() : ": " + escape(chain.trust_result)));
        std::string path;
        for (std::size_t position = 0; position < chain.path.size(); ++position)
            path += certificate_item(chain, position, report.evaluated_at);
        // A server need not send the root: the anchor that completed the path ends the drawing.
        if (chain.trusted && !chain.anchor.empty() && chain.anchor != chain.path.back().subject)
            path += element("li", "cert anchor",
                            element("div", "role", "Root CA (trust anchor, from the trust store)") +
                                element("span", "subject", escape(chain.anchor)));
        body += element("ol", "path", path);
    }
    return "<article class=\"chain " + state + "\" data-label=\"" + escape(chain.label) + "\">" + body + "</article>";
}

std::string chains_section(const Report& report) {
    if (report.chains.empty()) return {};
    std::string articles;
    for (const ChainSummary& chain : report.chains) articles += chain_article(chain, report);
    return "<section id=\"chains\">" + element("h2", "", "Certificate chains") +
           element("p", "counts",
                   "Leaf first, each certificate followed by its issuer; expiry counted from " +
                       escape(rfc3339(report.evaluated_at)) + ".") +
           element("div", "chains", articles) + "</section>";
}

// What changed since the target's previous run (--history), as the text report says it.
std::string changes_section(const Report& report) {
    if (!report.changes) return "";
    const Changes& changes = *report.changes;
    const std::string heading = "Since the run of " + rfc3339_ms(changes.since_started_at_ms) + " (run " +
                                std::to_string(changes.since_run) + ")";
    std::string lines;  // escaped one by one: escape() turns a line feed into U+FFFD
    std::istringstream text(render_changes_text(changes, heading));
    for (std::string line; std::getline(text, line);) lines += escape(line) + "\n";
    return "<section id=\"changes\">" + element("h2", "", "What changed") + element("pre", "changes", lines) +
           "</section>";
}

}  // namespace

std::string render_html(const Report& report) {
    const auto stages = by_client_path(report.findings);
    std::string sections = changes_section(report);
    for (const PathStage& stage : stages) sections += stage_section(stage);
    sections += chains_section(report);

    std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n";
    out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n";
    // Defence in depth for hostile names: even markup that slipped through could load or run nothing.
    out +=
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\" />\n";
    out += element("title", "",
                   "mra-preflight " + escape(report.command) + " " + escape(report.target) + ": " +
                       upper_case(to_string(report.verdict))) +
           "\n";
    out += element("style", "", std::string(style)) + "\n</head>\n<body>\n";
    out += header(report) + "\n" + input_errors(report) + contents(stages, report) + "\n";
    out += element("main", "", sections) + "\n</body>\n</html>\n";
    return out;
}

}  // namespace mra::report
