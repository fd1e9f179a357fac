#include "core/metrics.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <stdexcept>

namespace siren::metrics {

namespace {

bool is_name_start(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

bool is_name_char(char c) {
    return is_name_start(c) || (c >= '0' && c <= '9');
}

// [a-zA-Z_:][a-zA-Z0-9_:]*
bool is_metric_name(std::string_view name) {
    return !name.empty() && (is_name_start(name.front()) || name.front() == ':') &&
           std::all_of(name.begin(), name.end(),
                       [](char c) { return is_name_char(c) || c == ':'; });
}

// [a-zA-Z_][a-zA-Z0-9_]*, and names starting with __ are Prometheus's own.
bool is_label_name(std::string_view name) {
    return !name.empty() && is_name_start(name.front()) && !name.starts_with("__") &&
           std::all_of(name.begin(), name.end(), is_name_char);
}

void append_escaped(std::string& out, std::string_view text, bool is_label_value) {
    for (char c : text) {
        if (c == '\\')
            out += "\\\\";
        else if (c == '\n')
            out += "\\n";
        else if (c == '"' && is_label_value)
            out += "\\\"";
        else
            out += c;
    }
}

// A family read at scrape time: a gauge, or a counter whose count lives elsewhere.
class collected_family final : public detail::family {
public:
    collected_family(std::string name, std::string help, std::vector<std::string> label_names,
                     std::string_view type, collector collect)
        : family(std::move(name), std::move(help), std::move(label_names), type)
        , collect_(std::move(collect)) {
        if (!collect_)
            throw std::invalid_argument("metric " + this->name() + " has no collector");
    }

private:
    void render_samples(std::string& out) const override {
        std::vector<sample> samples = collect_();
        std::stable_sort(samples.begin(), samples.end(),
                         [](const sample& a, const sample& b) { return a.labels < b.labels; });
        for (std::size_t i = 0; i < samples.size(); ++i) {
            if (i > 0 && samples[i].labels == samples[i - 1].labels)
                throw std::logic_error("metric " + name() + " collected one series twice");
            check_labels(samples[i].labels);
            write_sample(out, "", samples[i].labels, "", samples[i].value);
        }
    }

    collector collect_;
};

} // namespace

std::string format_value(double value) {
    if (std::isnan(value))
        return "NaN";
    if (std::isinf(value))
        return value > 0 ? "+Inf" : "-Inf";
    // %g style, shortest round trip: what Go's strconv.FormatFloat(v, 'g', -1, 64) writes, so
    // that le labels read as client_golang's do ("0.0005", "1e-05").
    char text[32];
    auto written = std::to_chars(text, text + sizeof text, value, std::chars_format::general);
    return std::string(text, written.ptr);
}

void counter::inc(double by) {
    if (!(by >= 0))
        throw std::invalid_argument("a counter only goes up, not by " + format_value(by));
    value_ += by;
}

histogram::histogram(const std::vector<double>& bounds)
    : bounds_(bounds)
    , in_bucket_(bounds.size() + 1, 0) {}

void histogram::observe(double value) {
    // The first bucket whose bound is >= value: le is inclusive. NaN is in no bucket but +Inf.
    auto bucket =
        std::isnan(value)
            ? bounds_.size()
            : static_cast<std::size_t>(std::lower_bound(bounds_.begin(), bounds_.end(), value) -
                                       bounds_.begin());
    ++in_bucket_[bucket];
    sum_ += value;
    ++count_;
}

std::uint64_t histogram::cumulative(std::size_t i) const {
    std::uint64_t total = 0;
    for (std::size_t k = 0; k <= i && k < in_bucket_.size(); ++k)
        total += in_bucket_[k];
    return total;
}

namespace detail {

family::family(std::string name, std::string help, std::vector<std::string> label_names,
               std::string_view type)
    : name_(std::move(name))
    , help_(std::move(help))
    , label_names_(std::move(label_names))
    , type_(type) {
    if (!is_metric_name(name_))
        throw std::invalid_argument("'" + name_ + "' is not a metric name");
    for (std::size_t i = 0; i < label_names_.size(); ++i) {
        if (!is_label_name(label_names_[i]))
            throw std::invalid_argument("metric " + name_ + ": '" + label_names_[i] +
                                        "' is not a label name");
        if (std::count(label_names_.begin(), label_names_.end(), label_names_[i]) > 1)
            throw std::invalid_argument("metric " + name_ + " names label " + label_names_[i] +
                                        " twice");
    }
}

void family::render(std::string& out) const {
    out += "# HELP ";
    out += name_;
    out += ' ';
    append_escaped(out, help_, false);
    out += "\n# TYPE ";
    out += name_;
    out += ' ';
    out += type_;
    out += '\n';
    render_samples(out);
}

bool family::has_label(std::string_view label) const {
    return std::find(label_names_.begin(), label_names_.end(), label) != label_names_.end();
}

void family::check_labels(const label_values& values) const {
    if (values.size() != label_names_.size())
        throw std::invalid_argument("metric " + name_ + " has " +
                                    std::to_string(label_names_.size()) + " labels, not " +
                                    std::to_string(values.size()));
}

void family::write_sample(std::string& out, std::string_view suffix, const label_values& values,
                          std::string_view extra, double value) const {
    out += name_;
    out += suffix;
    if (!values.empty() || !extra.empty()) {
        out += '{';
        for (std::size_t i = 0; i < values.size(); ++i) {
            out += i > 0 ? "," : "";
            out += label_names_[i];
            out += "=\"";
            append_escaped(out, values[i], true);
            out += '"';
        }
        if (!extra.empty()) {
            out += values.empty() ? "" : ",";
            out += extra;
        }
        out += '}';
    }
    out += ' ';
    out += format_value(value);
    out += '\n';
}

} // namespace detail

counter_family::counter_family(std::string name, std::string help,
                               std::vector<std::string> label_names)
    : family(std::move(name), std::move(help), std::move(label_names), "counter") {
    if (label_count() == 0)
        children_.try_emplace({});
}

counter& counter_family::with(const label_values& values) {
    check_labels(values);
    return children_[values];
}

void counter_family::render_samples(std::string& out) const {
    for (const auto& [values, child] : children_)
        write_sample(out, "", values, "", child.value());
}

histogram_family::histogram_family(std::string name, std::string help,
                                   std::vector<std::string> label_names, std::vector<double> bounds)
    : family(std::move(name), std::move(help), std::move(label_names), "histogram")
    , bounds_(std::move(bounds)) {
    for (std::size_t i = 0; i < bounds_.size(); ++i)
        if (!std::isfinite(bounds_[i]) || (i > 0 && bounds_[i] <= bounds_[i - 1]))
            throw std::invalid_argument("histogram " + this->name() +
                                        ": bounds must be finite and strictly increasing");
    if (has_label("le"))
        throw std::invalid_argument("histogram " + this->name() + " may not have a label le");
    if (label_count() == 0)
        children_.try_emplace({}, bounds_);
}

histogram& histogram_family::with(const label_values& values) {
    check_labels(values);
    return children_.try_emplace(values, bounds_).first->second;
}

void histogram_family::render_samples(std::string& out) const {
    for (const auto& [values, child] : children_) {
        for (std::size_t i = 0; i <= bounds_.size(); ++i) {
            std::string le = "le=\"";
            le += i < bounds_.size() ? format_value(bounds_[i]) : "+Inf";
            le += '"';
            write_sample(out, "_bucket", values, le, static_cast<double>(child.cumulative(i)));
        }
        write_sample(out, "_sum", values, "", child.sum());
        write_sample(out, "_count", values, "", static_cast<double>(child.count()));
    }
}

template <class Family, class... Args>
Family& registry::add(Args&&... args) {
    auto made = std::make_unique<Family>(std::forward<Args>(args)...);
    for (const auto& f : families_)
        if (f->name() == made->name())
            throw std::invalid_argument("metric " + made->name() + " is declared twice");
    Family& added = *made;
    families_.push_back(std::move(made));
    return added;
}

counter_family& registry::add_counter(std::string name, std::string help,
                                      std::vector<std::string> label_names) {
    return add<counter_family>(std::move(name), std::move(help), std::move(label_names));
}

histogram_family& registry::add_histogram(std::string name, std::string help,
                                          std::vector<std::string> label_names,
                                          std::vector<double> bounds) {
    return add<histogram_family>(std::move(name), std::move(help), std::move(label_names),
                                 std::move(bounds));
}

void registry::add_gauge_from(std::string name, std::string help,
                              std::vector<std::string> label_names, collector collect) {
    add<collected_family>(std::move(name), std::move(help), std::move(label_names), "gauge",
                          std::move(collect));
}

void registry::add_counter_from(std::string name, std::string help,
                                std::vector<std::string> label_names, collector collect) {
    add<collected_family>(std::move(name), std::move(help), std::move(label_names), "counter",
                          std::move(collect));
}

std::string registry::render() const {
    std::string out;
    for (const auto& f : families_)
        f->render(out);
    return out;
}

} // namespace siren::metrics
