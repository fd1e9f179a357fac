#pragma once
// What another system's webhook says, once its preset's parser has read it
// (adapters/intake/intake_webhook.hpp): what commands/intake.hpp turns into a report or an
// incident.

#include <string>

namespace siren {

struct intake_item {
    std::string title{};       // never empty; raw text, cleaned by the command
    std::string severity{};    // "S1", an alias, or empty: the source's
    std::string description{}; // may be empty
    std::string link{};        // where the sender shows it; may be empty
    std::string dedup_key{};   // the sender's name for it; empty: the body names it
};

} // namespace siren
