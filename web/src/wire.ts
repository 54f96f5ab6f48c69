// The server's answers as types, named. Every type here comes from src/api-types.ts, which
// openapi-typescript generates from docs/openapi.json (`npm run api-types`); a unit test fails
// when the two drift. Screens import these names instead of writing their own copies.
import type { components } from "./api-types";

type Schemas = components["schemas"];

export type User = Schemas["Me"];
export type Shared = NonNullable<User["shared_with_me"]>[number];
export type Hospital = Schemas["Hospitals"]["items"][number];
export type Contact = Schemas["Contact"];
export type ContactNow = Schemas["Consultation"]["contact"] & {};

export type ProfileRecord = Schemas["ProfileRecord"];
export type ZaloSettings = Schemas["ZaloSettings"];
export type MessageIncident = Schemas["MessageIncidents"]["items"][number];
export type ImportSummary = Schemas["ImportSummary"];
export type FeedRecord = Schemas["FeedRecord"];
export type PumpRecord = Schemas["PumpRecord"];
export type InfantRecord = Schemas["InfantRecord"];
export type Summary = Schemas["Summary"];
export type Charts = Schemas["Charts"];
export type Day = Charts["per_day"][number];
export type SyncResult = Schemas["SyncResults"]["results"][number];
export type Caregiver = Schemas["Caregivers"]["items"][number];
export type Invitation = Schemas["Invitation"];

export type Questions = Schemas["Questions"];
export type Question = Questions["questions"][number];
export type Field = Questions["fields"][string];
export type Text = Question["text"];
export type Option = Question["options"][number];
export type Form = Question["form"];

export type SymptomCheck = Schemas["SymptomCheck"];
export type SymptomChecks = Schemas["SymptomChecks"];
export type CheckResult = Schemas["CheckResult"];
export type Disposition = CheckResult["disposition"];
export type Fired = CheckResult["fired"][number];
export type SelfCarePlan = Schemas["SelfCarePlan"];
export type PlanStep = SelfCarePlan["steps"][number];
export type CheckContext = Schemas["CheckContext"];
export type Signals = Schemas["Signals"];
export type Signal = Signals["signals"][number];

export type HospitalSettings = Schemas["HospitalSettings"];
export type Service = Schemas["Service"];
export type Provider = Schemas["Provider"];
export type Room = Schemas["Room"];
export type OfferedService = Schemas["OfferedServices"]["items"][number];
export type Slots = Schemas["Slots"];
export type ProviderSlots = Slots["providers"][number];
export type Slot = ProviderSlots["slots"][number];
export type Booking = Schemas["Booking"];
export type WaitlistEntry = Schemas["WaitlistEntry"];

export type Consultation = Schemas["Consultation"];
export type Message = Schemas["Message"];
export type CloseOut = Schemas["CloseOut"];
export type ReplyTemplate = Schemas["ReplyTemplate"];
export type BreakGlassGrant = Schemas["BreakGlassGrants"]["items"][number];
export type AuditTrail = Schemas["AuditTrail"];
export type Staff = Schemas["Staff"];

export type LibraryPage = Schemas["LibraryPage"];
export type MotherWeek = Schemas["MotherWeek"];
export type Programme = NonNullable<MotherWeek["programme"]>;
export type Package = Schemas["Package"];
export type PregnancyFile = Schemas["PregnancyFile"];
export type Course = Schemas["Course"];
export type Roster = Schemas["Roster"];
export type ReaderQuestion = Schemas["ReaderQuestion"];
export type AskedQuestion = Schemas["AskedQuestion"];
export type ArticleList = Schemas["ArticleList"];
export type LibraryIndex = Schemas["LibraryIndex"];
export type LibrarySearch = Schemas["LibrarySearch"];
