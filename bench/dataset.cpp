#include "bench/dataset.hpp"

#include <array>
#include <string_view>
#include <vector>

namespace rplan::bench {

namespace {

// splitmix64: small, fast and the same everywhere.
class Random {
 public:
  explicit Random(std::uint64_t seed) : m_state(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (m_state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  // 0 .. n-1
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
  // true with probability percent / 100
  bool chance(unsigned percent) { return below(100) < percent; }
  template <class Words>
  std::string_view pick(const Words& words) {
    return words[below(words.size())];
  }

 private:
  std::uint64_t m_state;
};

using Words = std::vector<std::string_view>;

const Words k_title_lead = {"Distributed", "Resilient",    "Secure",       "Scalable",
                            "Observable",  "Real-Time",    "Cloud-Native", "Serverless",
                            "Incremental", "Multi-Tenant", "Embedded",     "Privacy-Preserving",
                            "Low-Latency", "Federated",    "Event-Driven", "Cost-Aware",
                            "Automated",   "Edge",         "Hybrid",       "Open-Source"};
const Words k_title_subject = {"Caching",
                               "Message Queues",
                               "Search Indexing",
                               "Stream Processing",
                               "API Gateways",
                               "Service Meshes",
                               "Schema Migrations",
                               "Feature Flags",
                               "Data Pipelines",
                               "Authentication",
                               "Rate Limiting",
                               "Load Balancing",
                               "Job Scheduling",
                               "Vector Databases",
                               "Time-Series Storage",
                               "Graph Queries",
                               "Log Analytics",
                               "Secrets Management",
                               "Container Builds",
                               "Database Sharding",
                               "Edge Functions",
                               "Workflow Engines",
                               "Model Serving",
                               "Data Contracts",
                               "Backup and Restore",
                               "Access Control",
                               "Consensus Protocols",
                               "CDN Strategies",
                               "Query Planning",
                               "Event Sourcing",
                               "Columnar Formats",
                               "Blob Storage",
                               "Tracing",
                               "Configuration Management",
                               "Payment Processing",
                               "Notification Delivery",
                               "Geo Replication",
                               "Chaos Testing",
                               "Dependency Updates",
                               "Mobile Sync"};
const Words k_title_tail = {
    "at Scale",        "for Small Teams",      "in Production", "Patterns",
    "Trade-offs",      "Best Practices",       "on Kubernetes", "for Analytics",
    "Migration",       "Cost Optimization",    "Reliability",   "Performance Tuning",
    "Security Review", "Developer Experience", "Operations",    "Evaluation"};
const Words k_tech = {
    "PostgreSQL",    "MySQL",          "SQLite",  "MongoDB",      "Redis",          "Memcached",
    "Apache Kafka",  "RabbitMQ",       "NATS",    "Pulsar",       "Elasticsearch",  "OpenSearch",
    "ClickHouse",    "DuckDB",         "Trino",   "Apache Spark", "Apache Flink",   "Kafka Streams",
    "Envoy",         "Istio",          "Linkerd", "NGINX",        "HAProxy",        "Traefik",
    "Kubernetes",    "Nomad",          "Docker",  "Podman",       "Terraform",      "Pulumi",
    "OpenTelemetry", "Prometheus",     "Grafana", "Jaeger",       "Vault",          "Keycloak",
    "OAuth 2.0",     "OpenID Connect", "JWT",     "gRPC",         "GraphQL",        "REST",
    "Parquet",       "Apache Arrow",   "ORC",     "Delta Lake",   "Apache Iceberg", "Hudi",
    "etcd",          "ZooKeeper",      "Consul",  "Raft",         "Paxos",          "CRDTs",
    "WebAssembly",   "Node.js",        "Go",      "Rust",         "Java",           "Python"};
const Words k_aspect = {"performance characteristics",
                        "failure modes",
                        "operational cost",
                        "consistency guarantees",
                        "security posture",
                        "scaling limits",
                        "migration paths",
                        "monitoring needs",
                        "developer ergonomics",
                        "licensing terms",
                        "backup strategies",
                        "latency budgets",
                        "capacity planning",
                        "upgrade procedures",
                        "testing strategies",
                        "data retention rules"};
const Words k_context = {"for high-traffic services",   "for analytical workloads",
                         "in multi-region deployments", "for regulated industries",
                         "under bursty load",           "for a team of five engineers",
                         "in a hybrid cloud",           "for mobile clients",
                         "with strict latency targets", "for internal tooling"};
const Words k_research_verbs = {"Research", "Investigate", "Explore", "Study", "Survey"};
const Words k_analysis_verbs = {"Analyze", "Compare", "Evaluate", "Assess", "Review", "Benchmark"};
const Words k_doc_verbs = {"Document", "Write", "Summarize", "Describe", "Draft"};
const Words k_doc_objects = {"a decision record",        "operational runbooks",
                             "a migration plan",         "onboarding guidelines",
                             "a rollout checklist",      "recommended defaults",
                             "an architecture overview", "troubleshooting notes"};
const Words k_skills = {"database", "security", "streaming", "storage", "networking", "frontend",
                        "sql",      "devops",   "ml",        "testing", "privacy",    "caching"};
const Words k_first = {"Ada",      "Grace",  "Linus",   "Alan",     "Barbara",   "Edsger", "Donald",
                       "Frances",  "Ken",    "Dennis",  "Margaret", "John",      "Radia",  "Tim",
                       "Shafi",    "Leslie", "Niklaus", "Hedy",     "Katherine", "Claude", "Sophie",
                       "Yukihiro", "Guido",  "Bjarne",  "Anders",   "Lin",       "Mei",    "Priya",
                       "Ravi",     "Zoë",    "José",    "Amara",    "Kwame",     "Olga",   "Ivan",
                       "Fatima",   "Omar",   "Sven",    "Ingrid",   "Chen"};
const Words k_last = {"Lovelace",  "Hopper",  "Torvalds",   "Turing",    "Liskov",   "Dijkstra",
                      "Knuth",     "Allen",   "Thompson",   "Ritchie",   "Hamilton", "Backus",
                      "Perlman",   "Berners", "Goldwasser", "Lamport",   "Wirth",    "Lamarr",
                      "Johnson",   "Shannon", "Wilson",     "Matsumoto", "Rossum",   "Stroustrup",
                      "Hejlsberg", "Wei",     "Zhang",      "Sharma",    "Kumar",    "Müller",
                      "García",    "Okafor",  "Mensah",     "Ivanova",   "Petrov",   "Haddad",
                      "Nasser",    "Larsen",  "Berg",       "Tanaka"};
constexpr std::array<std::string_view, 5> k_zones = {"UTC", "Europe/Berlin", "America/New_York",
                                                     "Asia/Kolkata", "Australia/Sydney"};
constexpr std::array<std::string_view, 6> k_day_starts = {"08:00", "08:30", "09:00",
                                                          "09:30", "10:00", "13:00"};

// "A, B, and C" of n distinct technologies (n >= 2).
void append_list(std::string& out, Random& rng, std::size_t n) {
  std::array<std::size_t, 6> chosen{};
  for (std::size_t i = 0; i < n; ++i) {
    std::size_t k;
    bool again;
    do {
      k = rng.below(k_tech.size());
      again = false;
      for (std::size_t j = 0; j < i; ++j) again = again || chosen[j] == k;
    } while (again);
    chosen[i] = k;
    if (i > 0) out += n == 2 ? " and " : (i + 1 == n ? ", and " : ", ");
    out += k_tech[k];
  }
}

// One prompt of kind 0 (research), 1 (analysis) or 2 (documentation), on one line.
std::string prompt_text(Random& rng, int kind, std::string_view subject) {
  std::string p;
  switch (kind) {
    case 0:
      p.append(rng.pick(k_research_verbs)).append(" ").append(subject).append(" ");
      p.append(rng.pick(k_aspect));
      break;
    case 1:
      p.append(rng.pick(k_analysis_verbs)).append(" ").append(rng.pick(k_aspect)).append(" and ");
      p.append(rng.pick(k_aspect)).append(" of ").append(subject);
      break;
    default:
      p.append(rng.pick(k_doc_verbs)).append(" ").append(rng.pick(k_doc_objects)).append(" for ");
      p.append(subject);
      break;
  }
  if (rng.chance(40)) {
    p += " including ";
    append_list(p, rng, 2 + rng.below(4));
  }
  p.append(" ").append(rng.pick(k_context));
  return p;
}

// Appends "- prompt", wrapped onto a second line now and then.
void append_item(std::string& out, Random& rng, const std::string& prompt) {
  out += "- ";
  const std::size_t cut = prompt.size() > 70 ? prompt.find(' ', 60) : std::string::npos;
  if (cut != std::string::npos && rng.chance(10)) {
    out.append(prompt, 0, cut).append("\n  ").append(prompt, cut + 1);
  } else {
    out += prompt;
  }
  out += '\n';
  if (rng.chance(3)) {  // nested items, appended to the prompt by the parser
    out.append("  - ").append(rng.pick(k_tech)).append("\n  - ").append(rng.pick(k_tech));
    out += '\n';
  }
}

std::string lower(std::string_view text) {
  std::string s(text);
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

}  // namespace

std::string topics_document(const DatasetOptions& options) {
  Random rng(options.seed);
  const std::size_t topics = (options.tasks + 2) / 3;
  std::string out;
  out.reserve(topics * 640 + 1024);
  out += "# \xF0\x9F\x9B\xB0\xEF\xB8\x8F Generated Research Topics\n\n## Overview\n\n";
  out += "A synthetic research programme for rplan's benchmarks: " + std::to_string(topics) +
         " topics and " + std::to_string(options.tasks) + " prompts.\n\n## Topics\n\n";
  const std::size_t combos = k_title_lead.size() * k_title_subject.size() * k_title_tail.size();
  std::size_t remaining = options.tasks;
  for (std::size_t i = 0; i < topics; ++i) {
    // 7919 is prime and divides no combos count here: a permutation of the titles.
    const std::size_t c = (i * 7919) % combos;
    const std::string_view lead = k_title_lead[c % k_title_lead.size()];
    const std::string_view subject =
        k_title_subject[(c / k_title_lead.size()) % k_title_subject.size()];
    const std::string_view tail = k_title_tail[c / (k_title_lead.size() * k_title_subject.size())];
    out.append("### ").append(std::to_string(i + 1)).append(". ");
    out.append(lead).append(" ").append(subject).append(" ").append(tail);
    if (i >= combos) out.append(" \xE2\x80\x94 Track ").append(std::to_string(i / combos + 1));
    out += '\n';
    out.append("**Research Focus**: ").append(lead).append(" ").append(lower(subject));
    out.append(" ").append(rng.pick(k_context)).append("\n");
    if (rng.chance(33)) {
      out.append("**Skills**: ").append(rng.pick(k_skills)).append(", ");
      out.append(rng.pick(k_skills)).append("\n");
    }
    out += "**Research Prompts**:\n";
    const std::string topic_subject = lower(lead) + " " + lower(subject);
    const std::size_t prompts = remaining < 3 ? remaining : 3;
    for (std::size_t k = 0; k < prompts; ++k) {
      append_item(out, rng, prompt_text(rng, static_cast<int>(k), topic_subject));
    }
    remaining -= prompts;
    out += '\n';
  }
  out += "## Navigation\n\n\xE2\xAC\x85\xEF\xB8\x8F **Previous**: [Index](./index.md)\n";
  return out;
}

std::string team_csv(const DatasetOptions& options) {
  Random rng(options.seed * 31 + 7);
  std::string out = "name,email,hours_per_day,workdays,day_start,timezone,skills\n";
  out.reserve(options.people * 120 + out.size());
  const std::size_t combos = k_first.size() * k_last.size();
  for (std::size_t i = 0; i < options.people; ++i) {
    const std::size_t c = (i * 37) % combos;
    const std::string_view first = k_first[c % k_first.size()];
    const std::string_view last = k_last[(c / k_first.size()) % k_last.size()];
    std::string name = std::string(first) + " " + std::string(last);
    if (i >= combos) name += " " + std::to_string(i / combos + 1);
    out += name;
    out += ',';
    if (!rng.chance(10)) {
      out.append(lower(first.substr(0, 1))).append(".").append(std::to_string(i + 1));
      out += "@example.org";
    }
    if (options.equal_team) {
      out += ",8,\"mon,tue,wed,thu,fri\",09:00,UTC,\n";
      continue;
    }
    static constexpr std::array<int, 8> k_hours = {4, 5, 6, 6, 6, 7, 8, 8};
    out.append(",").append(std::to_string(k_hours[rng.below(k_hours.size())])).append(",");
    const std::size_t w = rng.below(100);
    out += w < 75   ? "\"mon,tue,wed,thu,fri\""
           : w < 88 ? "\"mon,tue,wed,thu\""
           : w < 95 ? "\"tue,wed,thu,fri,sat\""
                    : "\"mon,wed,fri\"";
    out.append(",").append(rng.pick(k_day_starts)).append(",").append(rng.pick(k_zones));
    out += ',';
    const std::size_t skills = rng.below(4);
    if (skills > 0) {
      out += '"';
      for (std::size_t s = 0; s < skills; ++s) {
        if (s > 0) out += ',';
        out += k_skills[(i + s * 5) % k_skills.size()];
      }
      out += '"';
    }
    out += '\n';
  }
  return out;
}

std::string holidays_text() {
  std::string out;
  for (int year = 2026; year <= 2030; ++year) {
    const std::string y = std::to_string(year);
    out += y + "-01-01 New Year's Day\n";
    out += y + "-05-01 Labour Day\n";
    out += y + "-12-24 Christmas Eve\n";
    out += y + "-12-25 Christmas Day\n";
    out += y + "-12-26 Boxing Day\n";
  }
  return out;
}

}  // namespace rplan::bench
