public import CallsheetDomain
import CallsheetStore
public import Foundation
import HummingbirdBcrypt
import NIOPosix
import Synchronization

/// Web accounts: who may sign in on the web with a password. Every person of the directory
/// (administrators, active managers, viewers) can have one; the role is always the one the
/// directory gives them now, so deactivating a manager closes their account at once.
///
/// Passwords are hashed with Bcrypt off the cooperative threads (a hash takes a noticeable
/// fraction of a second on purpose); only the hash is stored. Invitations are one-time
/// links whose SHA-256 alone is stored.
public struct AccountService: Sendable {
    let database: Database
    public let settings: AccountSettings
    let signIns: SignInCache

    init(database: Database, settings: AccountSettings, signIns: SignInCache) {
        self.database = database
        self.settings = settings
        self.signIns = signIns
    }

    /// Sets `login`'s password (an administrator, for someone who cannot open an invitation).
    public func setPassword(login: String, password: String, as caller: Caller) async throws {
        try Authorization.check(caller, .setPassword)
        if let problem = PasswordRule.problem(with: password, login: login) { throw ServiceError(.invalid, problem) }
        let hash = try await hash(password)
        let actor = caller.actingUser
        try await database.useCase { tx in
            try await requirePerson(login, in: tx)
            try await tx.setPasswordHash(login: login, hash: hash)
            try await tx.audit(actor, action: "account password", subject: login)
        }
    }

    /// A one-time link where `login` sets their own password, valid for
    /// ``AccountSettings/invitationHours``. A new invitation replaces an older one.
    public func invite(login: String, as caller: Caller) async throws -> Invitation {
        try Authorization.check(caller, .inviteAccount)
        guard let base = settings.publicURL else {
            throw ServiceError(.unavailable, "the HTTP listener is off (http.port: 0), so there is no page to set a password on; use 'account password \(login)'")
        }
        let token = TokenService.randomText()
        let expires = Date().addingTimeInterval(Double(settings.invitationHours) * 3_600)
        let actor = caller.actingUser
        try await database.useCase { tx in
            try await requirePerson(login, in: tx)
            try await tx.setInvitation(login: login, token: token, expiresAt: expires)
            try await tx.audit(actor, action: "account invite", subject: login)
        }
        let link = (base.hasSuffix("/") ? String(base.dropLast()) : base) + "/invite/" + token
        return Invitation(login: login, link: link, token: token, expiresAt: expires)
    }

    /// Whose live invitation `token` is (nil: unknown, used or expired), without using it up.
    public func invitationLogin(token: String) async throws -> String? {
        guard token.count < 200, !token.contains("\0") else { return nil }
        return try await database.useCase { tx in
            guard let login = try await tx.invitationLogin(token: token), try await tx.directoryRole(login: login) != nil else { return nil }
            return login
        }
    }

    /// Sets the password of the invitation's person; the invitation is used up.
    public func acceptInvitation(token: String, password: String) async throws -> String {
        let refused = ServiceError(.notFound, "this invitation link is unknown, used or expired; ask an administrator for a new one")
        guard token.count < 200 else { throw refused }
        return try await database.useCase { tx in
            guard let login = try await tx.invitationLogin(token: token), let role = try await tx.directoryRole(login: login) else { throw refused }
            if let problem = PasswordRule.problem(with: password, login: login) { throw ServiceError(.invalid, problem) }
            try await tx.setPasswordHash(login: login, hash: try await hash(password))
            let person = Caller.account(login, role: role)
            try await tx.audit(person.actingUser, action: "account accept-invitation", subject: login)
            return login
        }
    }

    /// Ends `login`'s web access: password and invitation, every session, every API token.
    public func revoke(login: String, as caller: Caller) async throws -> Revocation {
        try Authorization.check(caller, .revokeAccount)
        let actor = caller.actingUser
        defer { signIns.forgetAll() }
        return try await database.useCase { tx in
            try await requirePerson(login, in: tx)
            let ended = try await tx.revokeWebAccess(login: login)
            try await tx.audit(actor, action: "account revoke", subject: login)
            return Revocation(login: login, sessions: ended.sessions, tokens: ended.tokens)
        }
    }

    public func list(as caller: Caller) async throws -> [WebAccountRecord] {
        try Authorization.check(caller, .listAccounts)
        return try await database.useCase { try await $0.webAccounts() }
    }

    /// Checks a password sign-in from `address`. Throttled attempts are not checked at all;
    /// a failure is recorded for the login and the address; a success forgets the login's
    /// failures. An unknown login costs as much time as a known one.
    public func signIn(login: String, password: String, address: String, now: Date = Date()) async throws -> SignIn {
        // No stored login or password holds these (logins are checked when added; passwords
        // with control characters are refused), and Bcrypt would stop reading a password at
        // a NUL: such an attempt is a wrong password, counted as login "?" for the address.
        let usable = DirectoryRules.validLogin(login) == nil && !password.contains("\0")
        let name = usable ? login : "?"
        let since = now.addingTimeInterval(-max(SignInThrottle.perAccount.window, SignInThrottle.perAddress.window))
        let (history, stored, role) = try await database.useCase { tx in
            (try await tx.signInFailures(login: name, address: address, since: since), try await tx.passwordHash(login: name), try await tx.directoryRole(login: name))
        }
        let waits = [SignInThrottle.perAccount.wait(after: history.login, now: now), SignInThrottle.perAddress.wait(after: history.address, now: now)]
        if let wait = waits.compactMap({ $0 }).max() { return .throttled(retryAfterSeconds: Int(wait.rounded(.up))) }
        let checked: String
        if let stored { checked = stored } else { checked = try await unusableHash() }
        let matches = try await verify(usable ? password : "", hash: checked)
        guard usable, matches, stored != nil, let role else {
            try await database.useCase { try await $0.recordSignInFailure(login: name, address: address) }
            return .refused
        }
        try await database.useCase { try await $0.clearSignInFailures(login: login) }
        return .signedIn(.account(login, role: role))
    }

    /// Who a web session's login is now; nil when they no longer have a role.
    /// The language the signed-in person chose on the pages (kept with their account).
    /// Not a use case of the rule table: everyone signed in may set their own.
    public func language(of caller: Caller) async throws -> String? {
        guard let login = caller.name else { return nil }
        return try await database.useCase { try await $0.accountLanguage(login: login) }
    }

    public func setLanguage(_ language: String?, for caller: Caller) async throws {
        guard let login = caller.name else { throw ServiceError(.invalid, "only a signed-in person has a language setting") }
        if let language, language.range(of: "^[a-z]{2,3}$", options: .regularExpression) == nil {
            throw ServiceError(.invalid, "\"\(language)\" is not a language code such as en or ru")
        }
        try await database.useCase { try await $0.setAccountLanguage(login: login, language: language) }
    }

    public func caller(forSessionOf login: String) async throws -> Caller? {
        guard let role = try await database.useStatements(pool: .callLoop, { try await $0.directoryRole(login: login) }) else { return nil }
        return .account(login, role: role)
    }

    private func requirePerson(_ login: String, in tx: StoreTransaction) async throws {
        guard try await tx.directoryRole(login: login) != nil else {
            throw ServiceError(.notFound, "no administrator, active manager or viewer '\(login)'")
        }
    }

    private func hash(_ password: String) async throws -> String {
        let cost = settings.bcryptCost
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    private func verify(_ password: String, hash: String) async throws -> Bool {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
    }

    /// A hash no password matches, at this site's cost, checked for unknown logins so they
    /// take as long as known ones. Made once, off the cooperative threads.
    private func unusableHash() async throws -> String {
        if let hash = Self.unusableHashes.withLock({ $0[settings.bcryptCost] }) { return hash }
        let made = try await hash(TokenService.randomText())
        Self.unusableHashes.withLock { $0[settings.bcryptCost] = made }
        return made
    }

    private static let unusableHashes = Mutex<[UInt8: String]>([:])
}
