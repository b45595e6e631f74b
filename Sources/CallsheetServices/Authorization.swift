public import CallsheetDomain

/// Who may run which use case, for whom — the one place the rules live. Every public use
/// case of the services calls it first with the ``Caller`` it was given; the front-ends
/// only map their credentials (peer credentials on the console socket, a session or a
/// token on HTTP) to a caller. The least role per use case is ``UseCase/minimumRole``.
///
/// Rules: a caller below the use case's least role is refused. A use case that works a
/// manager's calls (``UseCase/ManagerScope/actsFor``) is run by a manager for themself
/// only and by an administrator for the manager they name; one that reads a manager's
/// work (``UseCase/ManagerScope/readsFor``) shows a manager only their own, and anyone
/// else whichever manager they name (or all).
public enum Authorization {
    /// Refuses (`PERMISSION`) a caller below `useCase`'s least role.
    public static func check(_ caller: Caller, _ useCase: UseCase) throws(ServiceError) {
        guard caller.role >= useCase.minimumRole else {
            throw ServiceError(.permission, "\(useCase.phrase) needs the \(useCase.minimumRole) role; \(caller.displayName) is \(caller.role)")
        }
    }

    /// The manager whose calls `useCase` works: the caller's own card for a manager (naming
    /// another is refused), the one named for an administrator (who must name one).
    public static func actingManager(_ caller: Caller, _ useCase: UseCase, named: String?) throws(ServiceError) -> String {
        try check(caller, useCase)
        switch caller.role {
        case .admin:
            guard let named else { throw ServiceError(.invalid, "\(useCase.phrase) as an administrator needs the manager you act for") }
            return named
        case .manager, .viewer:
            let own = try ownManager(caller)
            if let named, named != own {
                throw ServiceError(.permission, "you work as manager '\(own)'; only administrators act for another manager (--as)")
            }
            return own
        }
    }

    /// The manager whose work `useCase` reads: the caller's own for a manager (naming
    /// another is refused), whichever is named (nil: all) for anyone else.
    public static func readManager(_ caller: Caller, _ useCase: UseCase, named: String?) throws(ServiceError) -> String? {
        try check(caller, useCase)
        guard caller.role == .manager else { return named }
        let own = try ownManager(caller)
        if let named, named != own { throw ServiceError(.permission, "a manager sees only their own \(useCase.phrase)") }
        return own
    }

    /// The manager a manager-role caller may list numbers for (`dnc add`): their own card;
    /// nil for administrators, who may list anything.
    public static func listingManager(_ caller: Caller) throws(ServiceError) -> String? {
        try check(caller, .addDoNotCall)
        return caller.role == .manager ? try ownManager(caller) : nil
    }

    private static func ownManager(_ caller: Caller) throws(ServiceError) -> String {
        guard let own = caller.manager else {
            throw ServiceError(.permission, "\(caller.displayName) has the manager role but works as no manager")
        }
        return own
    }
}

extension UseCase {
    /// How messages name it: `recordOutcome` → "record outcome".
    var phrase: String {
        rawValue.reduce(into: "") { text, c in
            if c.isUppercase { text += " " + c.lowercased() } else { text.append(c) }
        }
    }
}
