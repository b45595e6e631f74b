import CallsheetDomain
import CallsheetServices
import Foundation

/// What the call page shows of a call sheet, in the reader's language: the client's card
/// with `tel:` and `mailto:` links and their clock, the step with its script, why the call
/// was chosen, the last calls across campaigns and managers, and one button (or one small
/// form, when the outcome needs an amount or a time) per outcome of the step, numbered for
/// the keys 1–9. Do-not-call is kept apart behind a confirmation.
struct CallPage {
    let sheet: CallService.CallSheet
    let catalog: WebCatalog
    /// The manager's zone: call-back times are typed and shown in it.
    let managerZone: TimeZone
    let now: Date

    var values: [String: Any] {
        let client = sheet.client, task = sheet.task
        let clientZone = sheet.clientZone.flatMap(TimeZone.init(identifier:))
        var values = WebPage.clientCard(client)
        values.merge([
            "task": task.id, "campaign": task.campaign, "step": task.step, "hint": sheet.hint, "attempt": task.attempt,
            "origin": catalog[Self.originKey(task.origin)],
            "leaseUntil": task.leaseUntil.map { Int($0.timeIntervalSince1970 * 1000) } ?? 0,
            "leaseTime": task.leaseUntil.map { catalog.time($0, zone: managerZone) } ?? "",
            "requestID": UUID().uuidString.lowercased(),
            "lastCalls": sheet.lastCalls.map { call in
                [
                    "who": call.manager, "when": catalog.dateTime(call.finishedAt, zone: managerZone), "campaign": call.campaign, "outcome": call.outcome,
                    "note": call.note ?? "", "amount": call.amount.map(catalog.money) ?? "",
                ]
            },
            "amounts": sheet.amounts.map { ["outcome": $0.outcome, "total": catalog.money($0.total)] },
        ]) { $1 }
        if let clientZone {
            values["localTime"] = catalog.time(now, zone: clientZone) + " (\(clientZone.identifier))"
            values["clientZone"] = clientZone.identifier
        }
        if let inside = sheet.insideCallingHours {
            values["hours"] = (inside ? catalog["inside_hours"] : catalog["outside_hours"]) + (sheet.callingHours.map { " \($0)" } ?? "")
            values["outsideHours"] = !inside
        }
        var key = 0
        var buttons: [[String: Any]] = [], forms: [[String: Any]] = []
        for outcome in sheet.stepOutcomes where outcome.effect != .doNotCall {
            key += 1
            var entry: [String: Any] = ["name": outcome.name, "key": key <= 9 ? "\(key)" : ""]
            if outcome.amount == .none && outcome.effect != .callback {
                buttons.append(entry)
            } else {
                entry["amount"] = outcome.amount != .none
                entry["amountRequired"] = outcome.amount == .required
                entry["callback"] = outcome.effect == .callback
                entry["quick"] = quickTimes
                forms.append(entry)
            }
        }
        values["buttons"] = buttons
        values["forms"] = forms
        values["doNotCall"] = sheet.stepOutcomes.first { $0.effect == .doNotCall }?.name as Any
        values["releaseReasons"] = ["release_busy", "release_wrong_person", "release_no_time"].map { ["text": catalog[$0]] }
        values["zoneHint"] = sheet.clientZone.map { catalog.format("client_zone_hint", ["zone": $0]) } as Any
        return values
    }

    /// The call-back shortcuts, as times the console's `--at` reads in the manager's zone;
    /// each label also gives the client's own time when their zone is another.
    var quickTimes: [[String: String]] {
        let clientZone = sheet.clientZone.flatMap(TimeZone.init(identifier:)).flatMap { zone in
            zone.secondsFromGMT(for: now) == managerZone.secondsFromGMT(for: now) ? nil : zone
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = managerZone
        let today = calendar.startOfDay(for: now)
        func at(_ day: Date) -> String {
            let parts = calendar.dateComponents([.year, .month, .day], from: day)
            return String(format: "%04d-%02d-%02dT10:00", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
        }
        func choice(_ value: String, _ key: String, _ instant: Date) -> [String: String] {
            guard let clientZone else { return ["value": value, "label": catalog[key]] }
            return ["value": value, "label": catalog[key] + " · " + catalog.format("client_time_at", ["time": catalog.time(instant, zone: clientZone)])]
        }
        let tomorrow = calendar.date(byAdding: .day, value: 1, to: today) ?? today
        let weekday = calendar.component(.weekday, from: today)  // 1 = Sunday
        let monday = calendar.date(byAdding: .day, value: (9 - weekday) % 7 == 0 ? 7 : (9 - weekday) % 7, to: today) ?? today
        let ten: (Date) -> Date = { calendar.date(byAdding: .hour, value: 10, to: $0) ?? $0 }
        return [
            choice("+2h", "in_2_hours", now.addingTimeInterval(7_200)), choice(at(tomorrow), "tomorrow_10", ten(tomorrow)),
            choice(at(monday), "next_monday_10", ten(monday)),
        ]
    }

    static func originKey(_ origin: String) -> String {
        switch origin {
        case "wave", "assigned": "origin_wave"
        case "next", "followup", "follow-up": "origin_followup"
        case "callback": "origin_callback"
        case "retry": "origin_retry"
        default: "origin_other"
        }
    }
}
