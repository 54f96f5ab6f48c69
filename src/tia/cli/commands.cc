#include "tia/cli/commands.h"

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <fstream>
#include <iostream>

#include "tia/app/operator.h"
#include "tia/app/outbox_worker.h"
#include "tia/auth/passwords.h"
#include "tia/base/log.h"
#include "tia/cli/demo.h"
#include "tia/cli/engine_commands.h"
#include "tia/cli/library_seed.h"
#include "tia/config/config.h"
#include "tia/domain/booking_status.h"
#include "tia/http/api.h"
#include "tia/http/catalogue.h"
#include "tia/http/server.h"

namespace tia::cli {
namespace {

int Die(const std::string& what) {
  std::fprintf(stderr, "tia: %s\n", what.c_str());
  return 1;
}

int Die(const Error& e) { return Die(e.field.empty() ? e.message : e.field + ": " + e.message); }

log::Level LevelOf(const std::string& s) {
  if (s == "debug") return log::Level::kDebug;
  if (s == "warn") return log::Level::kWarn;
  if (s == "error") return log::Level::kError;
  if (s == "off") return log::Level::kOff;
  return log::Level::kInfo;
}

// The one table of booking moves (domain/booking_status.h), for docs and the API tests.
domain::Json BookingStatesJson() {
  domain::Json statuses = domain::Json::array();
  for (auto st : domain::BookingStatuses()) statuses.push_back(domain::NameOf(st));
  domain::Json moves = domain::Json::array();
  for (const auto& m : domain::BookingMoves()) {
    moves.push_back({{"from", domain::NameOf(m.from)},
                     {"to", domain::NameOf(m.to)},
                     {"by", domain::NameOf(m.by)},
                     {"why", m.why}});
  }
  domain::Json reschedulable = domain::Json::array();
  for (auto st : domain::BookingStatuses()) {
    if (domain::MayReschedule(st)) reschedulable.push_back(domain::NameOf(st));
  }
  return {{"statuses", statuses}, {"moves", moves}, {"reschedulable", reschedulable}};
}

// A password from TIA_PASSWORD or one line of standard input: never from a flag (ps, history).
Result<std::string> ReadPassword() {
  if (const char* p = std::getenv("TIA_PASSWORD")) return std::string(p);
  if (isatty(STDIN_FILENO)) std::fprintf(stderr, "password: ");
  std::string line;
  if (!std::getline(std::cin, line)) return Invalid("password", "none given on standard input");
  return line;
}

struct Common {
  std::string config_file;
  std::string db;
  std::string clock;           // --clock: an RFC 3339 instant the clock starts at
  const Clock* now = nullptr;  // the clock every command runs on (set in Run)
};

// The system clock, or with `--clock` one that starts at the given instant and runs from there:
// how the tests put the server at 23:59 on a holiday. Never a default: only an explicit flag.
Result<std::optional<OffsetClock>> ClockFromFlag(const std::string& flag) {
  if (flag.empty()) return std::optional<OffsetClock>();
  auto t = ParseRfc3339(flag);
  if (!t) {
    return Invalid("--clock",
                   "must be an RFC 3339 time with its offset, e.g. 2026-12-06T23:59:00+07:00");
  }
  log::Warn("clock.set", {{"detail", "the clock starts at --clock, not the system time"},
                          {"start", FormatRfc3339(*t)}});
  return std::optional<OffsetClock>(std::in_place, t->utc_ms);
}

Result<config::Config> LoadConfig(const Common& c) {
  TIA_ASSIGN_OR_RETURN(auto cfg, config::Load(c.config_file));
  if (!c.db.empty()) cfg.db = c.db;
  log::SetLevel(LevelOf(cfg.log_level));
  return cfg;
}

int Serve(const Common& common, const std::string& listen, bool migrate, bool demo,
          const std::string& web_root) {
  auto cfg = LoadConfig(common);
  if (!cfg) return Die(cfg.error());
  if (!listen.empty()) {
    if (auto r = config::SetListen(*cfg, listen); !r) return Die(r.error());
  }
  if (!auth::InitCrypto()) return Die("libsodium failed to start");
  auto db = app::OpenDatabase(cfg->db, migrate);
  if (!db) return Die(db.error());
  app::Services services{db->get(), common.now, {}, nullptr, {}};
  services.settings.staff_idle_ms = cfg->staff_idle_s * 1000;
  services.settings.staff_absolute_ms = cfg->staff_absolute_s * 1000;
  services.settings.reauth_window_ms = cfg->reauth_window_s * 1000;
  services.settings.push_origins = cfg->push_origins;
  services.settings.push_contact =
      cfg->push_contact.empty() ? "mailto:" + cfg->smtp_from : cfg->push_contact;
  http::ApiOptions api_opt;
  api_opt.secure_cookies = cfg->secure_cookies;
  api_opt.user_rate_per_min = cfg->user_rate_per_min;
  api_opt.ip_rate_per_min = cfg->ip_rate_per_min;
  api_opt.auth_rate_per_ip_per_min = cfg->sign_in_rate_per_min;
  api_opt.web_root = web_root;
  api_opt.metrics_from = cfg->metrics_from;
  api_opt.public_url = cfg->public_url.empty()
                           ? "http://" + cfg->address + ":" + std::to_string(cfg->port)
                           : cfg->public_url;
  while (api_opt.public_url.ends_with('/')) api_opt.public_url.pop_back();
  auto photos = app::OpenPhotoStore(config::PhotoDir(*cfg), config::PhotoKeyFile(*cfg));
  if (!photos) return Die(photos.error());
  services.photos = photos->get();
  app::UseCases use_cases(services, {cfg->hotline, cfg->emergency_number});
  if (auto r = use_cases.push.LoadKey(); !r) return Die(r.error());
  http::Api api(use_cases, api_opt);
  if (demo) {
    auto logins = LoadDemo(use_cases);
    if (!logins) return Die(logins.error());
    std::printf("Demo data loaded (%d records). Sign in with:\n", logins->records);
    std::printf("  mother     %s  %s\n", logins->mother_email.c_str(),
                logins->mother_password.c_str());
    std::printf("  pregnant   %s  %s\n", logins->pregnant_email.c_str(),
                logins->pregnant_password.c_str());
    std::printf("  clinician  %s  %s\n", logins->clinician_email.c_str(),
                logins->clinician_password.c_str());
    std::printf("  admin      %s  %s\n", logins->admin_email.c_str(),
                logins->admin_password.c_str());
    std::printf("  or the mother's phone %s with a code by SMS", logins->mother_phone.c_str());
    if (cfg->sms_spool_dir.empty()) {
      std::printf(" (set TIA_SMS_SPOOL_DIR to read it)\n");
    } else {
      std::printf(": text messages are written to %s/\n", cfg->sms_spool_dir.c_str());
    }
  }
  http::ServerOptions opt;
  opt.address = cfg->address;
  opt.port = cfg->port;
  http::Server server(
      opt,
      [&api](http::Request& req, http::Respond respond) { api.Dispatch(req, std::move(respond)); },
      [&api](http::Request& req, http::Response& resp) { api.Finish(req, resp); });
  auto port = server.Listen();
  if (!port) return Die(port.error());
  std::printf("tia: serving on http://%s:%d\n", cfg->address.c_str(), *port);
  std::fflush(stdout);
  log::Info("server.started", {{"port", *port}, {"engine", app::EngineName(**db)}});
  // Confirmations and reminders go out through the durable outbox when a relay is configured;
  // the same pass hands expired waitlist offers to the next one waiting and sends notifications
  // (a reply wakes it at once).
  std::unique_ptr<app::SmtpMailer> mailer;
  if (!cfg->smtp_host.empty()) {
    mailer = std::make_unique<app::SmtpMailer>(cfg->smtp_host, static_cast<int>(cfg->smtp_port),
                                               cfg->smtp_from);
  } else {
    log::Info("outbox.no_relay",
              {{"detail", "no smtp_host configured; messages wait in the outbox"}});
  }
  std::unique_ptr<app::SmsSender> sms;
  if (cfg->sms_spool_dir.empty()) {
    sms = std::make_unique<app::LoggingSmsSender>();
  } else {
    sms = std::make_unique<app::SpoolSmsSender>(cfg->sms_spool_dir);
    log::Warn("sms.spool",
              {{"detail", "text messages are written to files (demos and tests only)"}});
  }
  app::webpush::HttpPushTransport push_transport;
  app::HttpZaloSender zalo(cfg->zalo_url);  // used for hospitals that switched Zalo on
  auto outbox = std::make_unique<app::OutboxWorker>(
      services, mailer.get(), sms.get(), &zalo, cfg->outbox_interval_ms,
      [&use_cases, &push_transport] {
        if (auto r = use_cases.scheduling.ExpireOffers(); !r) {
          log::Warn("waitlist.expire_failed", {{"error", r.error().message}});
        }
        use_cases.push.DeliverDue(push_transport);
      });
  services.wake_sender = [&outbox] { outbox->Wake(); };
  outbox->Start();
  server.Run();
  outbox->Stop();
  api.Shutdown();  // the pool's last answers post to the server's (stopped) executor
  (*db)->Close();
  const auto stats = (*db)->stats();
  log::Info("server.stopped", {{"writes", stats.writes}, {"commits", stats.commits}});
  return 0;
}

}  // namespace

int Run(int argc, char** argv) {
  CLI::App app{"Tia: breastfeeding and milk-duct care for maternity hospitals"};
  app.require_subcommand(1);
  Common common;
  app.add_option("--config", common.config_file, "TOML settings file");
  app.add_option("--db", common.db, "database: sqlite:PATH or postgresql://... (env TIA_DB)");
  app.add_option("--clock", common.clock,
                 "start the clock at this RFC 3339 instant instead of the system time (tests)");

  std::string listen;
  bool migrate = false, demo = false;
  auto* serve = app.add_subcommand("serve", "serve the API");
  serve->add_option("--listen", listen, "host:port (env TIA_LISTEN), port 0 = any free port");
  serve->add_flag("--migrate", migrate, "apply pending migrations first");
  serve->add_flag("--demo", demo, "load the demo hospital, staff and mother first (prints logins)");
  std::string web_root;
  serve->add_option("--web-root", web_root,
                    "serve the built web app from this directory (web/dist)");

  auto* mig = app.add_subcommand("migrate", "apply pending migrations");
  bool status_only = false;
  mig->add_flag("--status", status_only, "list migrations and whether each is applied");

  auto* hospital = app.add_subcommand("hospital", "manage hospitals (tenants)");
  hospital->require_subcommand(1);
  std::string code, name;
  auto* hadd = hospital->add_subcommand("add", "add a hospital");
  hadd->add_option("--code", code, "short code mothers use to register")->required();
  hadd->add_option("--name", name, "display name")->required();

  auto* library = app.add_subcommand("library", "the health library");
  library->require_subcommand(1);
  auto* lseed = library->add_subcommand(
      "seed",
      "load the articles and week cards Tia ships into a hospital's library, each awaiting a "
      "clinician's review (what the hospital already has is kept)");
  lseed->add_option("--hospital", code, "hospital code")->required();

  auto* user = app.add_subcommand("user", "manage users");
  user->require_subcommand(1);
  std::string email, role = "clinician", display;
  auto* uadd =
      user->add_subcommand("add", "add a user; the password comes from TIA_PASSWORD or stdin");
  uadd->add_option("--email", email)->required();
  uadd->add_option("--name", display)->required();
  uadd->add_option("--role", role)->check(CLI::IsMember({"mother", "clinician", "hospital_admin"}));
  uadd->add_option("--hospital", code, "hospital code")->required();

  auto* demo_cmd =
      app.add_subcommand("demo", "load demo data into the database and print the logins");
  auto* routes = app.add_subcommand("routes", "list every route the server answers (METHOD PATH)");
  auto* booking_states = app.add_subcommand(
      "booking-states", "print the booking statuses and the moves allowed between them (JSON)");
  auto* messages = app.add_subcommand(
      "messages",
      "the server's messages for people: one English message per stdin line, "
      "printed in Vietnamese (or, with --untranslated, only those without a translation)");
  bool untranslated = false;
  messages->add_flag("--untranslated", untranslated, "report the lines the catalogue lacks");
  auto* exp = app.add_subcommand("export", "print everything a mother owns as JSON");
  exp->add_option("--email", email, "the mother's e-mail")->required();
  app::ImportQuery import_q;
  std::string import_file;
  bool import_store = false;
  auto* imp = app.add_subcommand(
      "import",
      "a mother's entries from another tracker's export (docs/imports.md); a dry run unless "
      "--store; prints the summary as JSON");
  imp->add_option("--format", import_q.format, "babybuddy or huckleberry")->required();
  imp->add_option("--email", email, "the mother's e-mail")->required();
  imp->add_option("--time-zone", import_q.time_zone, "the zone the file's times are in");
  imp->add_option("--volume-unit", import_q.volume_unit, "Baby Buddy's amounts: ml or oz");
  imp->add_option("--temperature-unit", import_q.temperature_unit, "Baby Buddy's: c or f");
  imp->add_option("--weight-unit", import_q.weight_unit, "Baby Buddy's weights: kg or lb");
  imp->add_flag("--store", import_store, "store the new records (without it: only the preview)");
  imp->add_option("file", import_file, "the exported CSV (or XLSX) file")->required();

  TriageOptions triage_opts;
  auto* triage = app.add_subcommand(
      "triage", "run one symptom check: one JSON object on stdin, one JSON object on stdout");
  auto* protocol_file = triage->add_option("--protocol", triage_opts.protocol_file,
                                           "protocol file (default: built in)");
  triage
      ->add_option("--protocol-version", triage_opts.protocol_version,
                   "a built-in version (the current one or an earlier one kept to explain stored "
                   "results, e.g. 1.0.0)")
      ->excludes(protocol_file);
  triage->add_option("--lang", triage_opts.lang, "language of the reasons: en or vi");
  triage->add_flag("--explain", triage_opts.explain, "print a readable explanation instead");
  triage->add_flag("--contract", triage_opts.contract,
                   "print the input contract as Markdown (docs/engine-input.md) and exit");

  RulesCheckOptions check_opts;
  auto* rules = app.add_subcommand("rules", "care protocols");
  rules->require_subcommand(1);
  auto* rules_check =
      rules->add_subcommand("check", "validate a protocol, run its cases and report coverage");
  rules_check->add_option("file", check_opts.protocol_file, "protocol file (default: built in)");
  rules_check->add_option("--cases", check_opts.cases_dir,
                          "case directory (default: FILE's cases/)");
  auto* rules_questions = rules->add_subcommand(
      "questions", "print the symptom check's questions as JSON (web/src/protocol.json)");

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    // A usage error is bad input: one line, exit 2.
    std::fprintf(stderr, "tia: %s\n", e.what());
    return 2;
  }

  auto set_clock = ClockFromFlag(common.clock);
  if (!set_clock) {  // a usage error, like CLI11's: exit 2
    Die(set_clock.error());
    return 2;
  }
  common.now = *set_clock ? static_cast<const Clock*>(&**set_clock) : &SystemClock::Instance();

  if (serve->parsed()) return Serve(common, listen, migrate, demo, web_root);
  if (triage->parsed()) return Triage(triage_opts);
  if (rules_check->parsed()) return RulesCheck(check_opts);
  if (rules_questions->parsed()) return RulesQuestions();
  if (messages->parsed()) {
    // One line out per line in, flushed, so a test can keep it open and ask line by line.
    std::string line;
    while (std::getline(std::cin, line)) {
      if (!untranslated)
        std::cout << http::Localize(line, engine::Lang::kVi) << std::endl;
      else
        std::cout << (http::Translated(line) ? "" : line) << std::endl;
    }
    return 0;
  }
  if (booking_states->parsed()) {
    std::cout << BookingStatesJson().dump(2) << "\n";
    return 0;
  }
  if (routes->parsed()) {
    app::Services none{nullptr, common.now, {}, nullptr, {}};
    app::UseCases use_cases(none, {});
    http::Api api(use_cases, {});
    for (const auto& r : api.router().routes())
      std::printf("%s %s\n", r.method.c_str(), r.pattern.c_str());
    return 0;
  }

  auto cfg = LoadConfig(common);
  if (!cfg) return Die(cfg.error());
  if (!auth::InitCrypto()) return Die("libsodium failed to start");
  if (mig->parsed()) {
    if (status_only) {
      auto states = app::MigrationStatus(cfg->db);
      if (!states) return Die(states.error());
      for (const auto& st : *states)
        std::printf("%s  %s\n", st.applied ? "applied" : "pending", st.name.c_str());
      return 0;
    }
    auto applied = app::Migrate(cfg->db);
    if (!applied) return Die(applied.error());
    std::printf("tia: %d migration(s) applied\n", *applied);
    return 0;
  }
  auto db = app::OpenDatabase(cfg->db, false);
  if (!db) return Die(db.error());
  app::Services services{db->get(), common.now, {}, nullptr, {}};
  app::UseCases use_cases(services, {});
  if (hadd->parsed()) {
    auto h = use_cases.accounts.AddHospital(code, name);
    if (!h) return Die(h.error());
    std::printf("hospital %s: %s\n", h->code.c_str(), h->name.c_str());
    return 0;
  }
  if (lseed->parsed()) {
    auto h = services.db->Read(
        [&](storage::Connection& c) { return storage::hospitals::ByCode(c, code); });
    if (!h) return Die(h.error());
    if (!*h) return Die(Fail(ErrorCode::kNotFound, "no hospital with code " + code).value());
    auto added = SeedLibrary(use_cases, (*h)->id);
    if (!added) return Die(added.error());
    std::printf("library: %d new pages awaiting review in %s\n", *added, code.c_str());
    return 0;
  }
  if (uadd->parsed()) {
    auto pw = ReadPassword();
    if (!pw) return Die(pw.error());
    auto u = app::AddStaffUser(use_cases, code, email, *pw, display, *auth::RoleFromName(role));
    if (!u) return Die(u.error());
    std::printf("user %s (%s) added\n", u->public_id.c_str(), role.c_str());
    return 0;
  }
  if (demo_cmd->parsed()) {
    auto logins = LoadDemo(use_cases);
    if (!logins) return Die(logins.error());
    std::printf(
        "demo loaded: %d records\nmother %s %s\npregnant %s %s\nclinician %s %s\nadmin %s %s\n",
        logins->records, logins->mother_email.c_str(), logins->mother_password.c_str(),
        logins->pregnant_email.c_str(), logins->pregnant_password.c_str(),
        logins->clinician_email.c_str(), logins->clinician_password.c_str(),
        logins->admin_email.c_str(), logins->admin_password.c_str());
    return 0;
  }
  if (imp->parsed()) {
    std::ifstream in(import_file, std::ios::binary);
    if (!in)
      return Die(Error{ErrorCode::kInvalidArgument, "cannot read " + import_file, "file", 0});
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    import_q.dry_run = !import_store;
    auto out = app::OperatorImport(use_cases, email, bytes, import_q);
    if (!out) return Die(out.error());
    std::cout << out->dump(2) << "\n";
    return 0;
  }
  if (exp->parsed()) {
    auto out = app::OperatorExport(use_cases, email);
    if (!out) return Die(out.error());
    std::cout << out->dump(2) << "\n";
    return 0;
  }
  return 0;
}

}  // namespace tia::cli
