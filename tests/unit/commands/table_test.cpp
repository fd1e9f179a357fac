#include "commands/families.hpp"
#include "tests/unit/commands/fakes.hpp"

#include <doctest/doctest.h>

using namespace siren;
using siren::testing::world;

namespace {

bool contains(std::string_view text, std::string_view part) {
    return text.find(part) != std::string_view::npos;
}

const std::string channel = "incident-20260324-checkout-returns-500";

} // namespace

TEST_CASE("commands: help is generated from the tables and works anywhere") {
    world w;
    for (const commands::command_table* table :
         {&commands::incident_commands(), &commands::incident_channel_commands()}) {
        decision d = w.run(std::string(table->command), "help", "grace", "general");
        CHECK(d.is_reply_only());
        CHECK(d.reply.starts_with("*" + std::string(table->command) + "* — " +
                                  std::string(table->description)));
        for (const auto& sub : table->subcommands) {
            CHECK(contains(d.reply,
                           "• `" + std::string(sub.usage) + "`\n    " + std::string(sub.summary)));
            CHECK(sub.usage.starts_with(std::string(table->command) + " " + std::string(sub.name)));
        }
    }
    CHECK(w.run("/119", "", "grace", "general").reply == w.run("/119", "help").reply);
    CHECK(contains(w.run("/incident", "help").reply, "`/119 help`"));
}

TEST_CASE("commands: the slash commands and their hints come from the tables") {
    auto commands = commands::slash_commands();
    REQUIRE(commands.size() == 3);
    CHECK(commands[0].command == "/incident");
    CHECK(commands[0].description == commands::incident_commands().description);
    CHECK(commands[0].usage_hint == "[declare | report | list | help]");
    CHECK(commands[1].command == "/119");
    CHECK(commands[1].usage_hint ==
          "[update | status | history | note | resolve | handover | reopen | public | snooze | "
          "review | action | actions | near-miss | ack | escalate | help]");
    CHECK(commands[2].command == "/chatops");
    CHECK(commands[2].usage_hint == "[run | help]");
}

TEST_CASE("commands: an unknown subcommand suggests the closest with its usage") {
    world w;
    w.act("/incident", "declare S1 Checkout returns 500");
    decision d = w.run("/119", "updte stage=identified", "alice", channel);
    CHECK(d.is_reply_only());
    CHECK(d.reply == "Unknown command `/119 updte`. Did you mean `update`?\nUsage: `/119 update "
                     "[stage=…] [status=…] [sev=…] [ic=@user] [tl=@user] [cl=@user] [em=@user] "
                     "[summary=\"…\"]`");
    CHECK(w.run("/incident", "delcare S1 db down")
              .reply.starts_with(
                  "Unknown command `/incident delcare`. Did you mean `declare`?\nUsage: `/incident "
                  "declare"));
    CHECK(w.run("/incident", "banana").reply ==
          "Unknown command `/incident banana`. Try `declare`, `report`, `list` or `help`; "
          "`/incident help` explains them.");
    CHECK(w.run("/119", "UPDATE", "alice", channel).form); // names are case-insensitive
}

TEST_CASE("commands: an unknown slash command names the ones siren answers") {
    world w;
    CHECK(w.run("/incidnet", "list").reply ==
          "Unknown command `/incidnet`. Did you mean `/incident`? siren answers `/incident`, "
          "`/119` or `/chatops`; try `/incident help`.");
    CHECK(w.run("/pizza", "").reply == "Unknown command `/pizza`. siren answers `/incident`, "
                                       "`/119` or `/chatops`; try `/incident help`.");
    CHECK(w.run("/INCIDENT", "list").reply == "No open incidents.");
}

TEST_CASE("commands: input that is not text, or from nobody, changes nothing") {
    world w;
    decision bytes = w.run("/incident", "declare S1 \xff\xfe broken");
    CHECK(bytes.is_reply_only());
    CHECK(contains(bytes.reply, "not text (invalid UTF-8)"));
    decision answers =
        w.run("/incident", "declare", "alice", "general", {{"title", "bad \xc0\xaf"}});
    CHECK(answers.is_reply_only());
    CHECK(contains(answers.reply, "invalid UTF-8"));
    decision nobody = w.run("/incident", "declare S1 db down", "");
    CHECK(nobody.is_reply_only());
    CHECK(nobody.reply == "siren could not tell who you are, so it did nothing.");
}

TEST_CASE("commands: every subcommand answers any bytes without storing junk") {
    world w;
    w.act("/incident", "declare S1 Checkout returns 500");
    std::string nul_bytes("\0\0\0 x \0", 7);
    std::string huge(100 * 1024, 'a');
    std::string huge_words;
    for (int k = 0; k < 10000; ++k)
        huge_words += "w" + std::to_string(k) + " ";
    const std::vector<std::string> junk = {
        nul_bytes,  huge,        huge_words,   "\"",
        "'",        "“",         "\\",         "=",
        "--",       "—",         "---x",       "a=\"b",
        "\xe2\x80", "🚨🚨🚨",       "<!channel>", "<@>",
        "@",        "me",        "-1",         "99999999999999999999",
        "stage=",   "=resolved", "tl==@bob",   "summary=\"\\\"\"",
    };
    for (const auto* table :
         {&commands::incident_commands(), &commands::incident_channel_commands()})
        for (const auto& sub : table->subcommands)
            for (const auto& text : junk)
                for (const auto& where : {std::string("general"), channel}) {
                    decision d = w.run(std::string(table->command),
                                       std::string(sub.name) + " " + text, "bob", where);
                    CHECK((!d.reply.empty() || d.form));
                    if (d.saved)
                        CHECK(d.saved->title.size() <= 150 * 4);
                    for (const auto& e : d.timeline)
                        CHECK(e.text.size() <= 3000 * 4 + 200);
                }
}
