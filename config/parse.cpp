#include "config/parse.hpp"

#include <sstream>
#include <string>
#include <vector>

#include <yaml-cpp/eventhandler.h>

namespace siren::config::detail {

namespace {

// Listens only for where documents start: enough to count them without building them.
class document_starts final : public YAML::EventHandler {
public:
    std::vector<YAML::Mark> marks;

    void OnDocumentStart(const YAML::Mark& mark) override { marks.push_back(mark); }
    void OnDocumentEnd() override {}
    void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
    void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
    void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t,
                  const std::string&) override {}
    void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                         YAML::EmitterStyle::value) override {}
    void OnSequenceEnd() override {}
    void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                    YAML::EmitterStyle::value) override {}
    void OnMapEnd() override {}
};

int line_of(const YAML::Mark& mark) {
    return mark.is_null() ? 0 : mark.line + 1;
}

} // namespace

std::optional<YAML::Node> parse_document(context& ctx, std::string_view yaml) {
    const std::string text(yaml);
    try {
        // Not YAML::LoadAll: in yaml-cpp 0.7 it never returns for some inputs (a ',' at the top
        // level), where the parser yields empty documents forever without moving on. Counting
        // the documents here stops as soon as one starts no further than the one before.
        std::istringstream in(text);
        YAML::Parser parser(in);
        document_starts starts;
        for (std::size_t handled = 1; parser.HandleNextDocument(starts); ++handled) {
            const auto& m = starts.marks;
            if (m.size() != handled || (m.size() > 1 && m.back().pos <= m[m.size() - 2].pos)) {
                ctx.report({m.empty() ? 0 : line_of(m.back()), ""},
                           "YAML syntax error: cannot read on from here (a stray ',' outside "
                           "[...] or {...}?)");
                return std::nullopt;
            }
        }
        if (starts.marks.size() > 1)
            ctx.report({line_of(starts.marks[1]), ""}, "expected one YAML document, found " +
                                                           std::to_string(starts.marks.size()) +
                                                           ": remove the `---` separators");
        return YAML::Load(text);
    } catch (const YAML::Exception& e) {
        ctx.report({line_of(e.mark), ""}, "YAML syntax error: " + e.msg);
        return std::nullopt;
    }
}

} // namespace siren::config::detail
