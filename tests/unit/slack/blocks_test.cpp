#include "adapters/slack/blocks.hpp"
#include "commands/text.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using namespace siren;
using namespace siren::slack;
using nlohmann::json;

namespace {

std::vector<std::string> section_texts(std::string_view text) {
    json blocks = json::parse(message_blocks(text));
    REQUIRE(blocks.is_array());
    std::vector<std::string> out;
    for (const auto& b : blocks) {
        CHECK(b["type"] == "section");
        CHECK(b["text"]["type"] == "mrkdwn");
        out.push_back(b["text"]["text"].get<std::string>());
    }
    return out;
}

std::string lines(int count, std::size_t width) {
    std::string text;
    for (int i = 0; i < count; ++i)
        text += std::string(width, static_cast<char>('a' + i % 26)) + "\n";
    text.pop_back();
    return text;
}

json field_element(const json& view, std::string_view key) {
    for (const auto& block : view["blocks"])
        if (block["block_id"] == key) {
            CHECK(block["type"] == "input");
            CHECK(block["element"]["action_id"] == key);
            return block;
        }
    FAIL("no block " << key);
    return {};
}

} // namespace

TEST_CASE("slack: a short message is one mrkdwn section with mentions untouched") {
    CHECK(section_texts("*SEV1* checkout down, IC <@U123> in <#C042>") ==
          std::vector<std::string>{"*SEV1* checkout down, IC <@U123> in <#C042>"});
    CHECK(message_blocks("") == "[]");
}

TEST_CASE("slack: long messages split at line breaks, 3,000 characters at most per section") {
    // 40 lines of 99 characters + newline: 30 lines fit in 2,999 characters.
    std::string text = lines(40, 99);
    auto sections = section_texts(text);
    REQUIRE(sections.size() == 2);
    CHECK(sections[0] == lines(30, 99));
    CHECK(sections[1] == text.substr(sections[0].size() + 1));

    // One line longer than a section is cut inside the line, at a character boundary.
    std::string wide;
    for (int i = 0; i < 1'600; ++i)
        wide += "äb"; // 3,200 characters, 4,800 bytes
    auto cut = section_texts(wide);
    REQUIRE(cut.size() == 2);
    CHECK(commands::count_characters(cut[0]) == 3'000);
    CHECK(commands::is_valid_utf8(cut[0]));
    CHECK(cut[0] + cut[1] == wide);

    // A line of exactly 3,000 characters followed by a break fills one section.
    auto exact = section_texts(std::string(3'000, 'x') + "\nnext");
    CHECK(exact == std::vector<std::string>{std::string(3'000, 'x'), "next"});
}

TEST_CASE("slack: at most 50 sections, the last one marked as cut") {
    std::string huge = lines(2'000, 99); // about 200,000 characters
    auto sections = section_texts(huge);
    REQUIRE(sections.size() == max_message_blocks);
    CHECK(commands::count_characters(sections.back()) == max_section_characters);
    CHECK(sections.back().ends_with("…"));
    for (const auto& s : sections)
        CHECK(commands::count_characters(s) <= max_section_characters);
}

TEST_CASE("slack: modal for each field kind") {
    form f{.id = "declare",
           .title = "Declare an incident right now please",
           .submit = "Declare",
           .fields = {
               {.key = "title",
                .label = "Title",
                .kind = field_kind::text,
                .choices = {},
                .initial = "",
                .required = true},
               {.key = "summary",
                .label = "What is happening?",
                .kind = field_kind::long_text,
                .choices = {},
                .initial = "Checkout fails",
                .required = false},
               {.key = "severity",
                .label = "Severity",
                .kind = field_kind::choice,
                .choices = {"S0", "S1", "S2"},
                .initial = "S2",
                .required = true},
               {.key = "status",
                .label = "Status",
                .kind = field_kind::choice,
                .choices = {"degraded", "outage"},
                .initial = "",
                .required = false},
               {.key = "security",
                .label = "Security incident?",
                .kind = field_kind::checkbox,
                .choices = {},
                .initial = "true",
                .required = false},
               {.key = "near_miss",
                .label = "Near miss?",
                .kind = field_kind::checkbox,
                .choices = {},
                .initial = "false",
                .required = false},
               {.key = "ic",
                .label = "Incident commander",
                .kind = field_kind::person,
                .choices = {},
                .initial = "@U0A1ALICE",
                .required = false},
               {.key = "tl",
                .label = "Tech lead",
                .kind = field_kind::person,
                .choices = {},
                .initial = "",
                .required = false},
           }};
    json view = json::parse(modal_view(f, "C111"));
    CHECK(view["type"] == "modal");
    CHECK(view["callback_id"] == "declare");
    CHECK(view["private_metadata"] == "C111");
    CHECK(view["title"] == json{{"type", "plain_text"}, {"text", "Declare an incident rig…"}});
    CHECK(commands::count_characters(view["title"]["text"].get<std::string>()) == 24);
    CHECK(view["submit"] == json{{"type", "plain_text"}, {"text", "Declare"}});
    CHECK(view["close"]["text"] == "Cancel");
    REQUIRE(view["blocks"].size() == 8);

    auto title = field_element(view, "title");
    CHECK(title["label"] == json{{"type", "plain_text"}, {"text", "Title"}});
    CHECK(title["optional"] == false);
    CHECK(title["element"] ==
          json{{"type", "plain_text_input"}, {"action_id", "title"}, {"multiline", false}});

    auto summary = field_element(view, "summary");
    CHECK(summary["optional"] == true);
    CHECK(summary["element"]["multiline"] == true);
    CHECK(summary["element"]["initial_value"] == "Checkout fails");

    auto severity = field_element(view, "severity");
    CHECK(severity["element"]["type"] == "static_select");
    CHECK(severity["element"]["options"].size() == 3);
    CHECK(severity["element"]["options"][1] ==
          json{{"text", {{"type", "plain_text"}, {"text", "S1"}}}, {"value", "S1"}});
    CHECK(severity["element"]["initial_option"] ==
          json{{"text", {{"type", "plain_text"}, {"text", "S2"}}}, {"value", "S2"}});
    CHECK_FALSE(field_element(view, "status")["element"].contains("initial_option"));

    auto security = field_element(view, "security");
    CHECK(security["element"]["type"] == "checkboxes");
    REQUIRE(security["element"]["options"].is_array());
    CHECK(security["element"]["options"].size() == 1);
    CHECK(security["element"]["options"][0]["value"] == "true");
    CHECK(security["element"]["initial_options"] == security["element"]["options"]);
    CHECK_FALSE(field_element(view, "near_miss")["element"].contains("initial_options"));

    CHECK(field_element(view, "ic")["element"] ==
          json{{"type", "users_select"}, {"action_id", "ic"}, {"initial_user", "U0A1ALICE"}});
    CHECK(field_element(view, "tl")["element"] ==
          json{{"type", "users_select"}, {"action_id", "tl"}});
}

TEST_CASE("slack: view errors and the slash-command ack") {
    CHECK(json::parse(view_errors({{"title", "A title is needed"}})) ==
          json{{"response_action", "errors"}, {"errors", {{"title", "A title is needed"}}}});
    CHECK(json::parse(ack_reply("Declaring <@U1>…")) ==
          json{{"response_type", "ephemeral"}, {"text", "Declaring <@U1>…"}});
}
