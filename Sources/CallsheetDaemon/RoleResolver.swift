import CallsheetDomain

#if canImport(Glibc)
import Glibc
#endif

/// Maps a connecting OS user to a console role, from the `roles:` section of the config.
///
/// root and the daemon's own user are always admin; otherwise the highest role whose
/// `users` names the user or whose `groups` contains one of their groups; nil means the
/// user has no business with this daemon.
///
/// The configured group names are turned into ids once, when the resolver is made at
/// start-up (`getgrnam_r`: the plain `getgrnam` returns static storage that another thread
/// may overwrite, and it may block on NSS). A group created later needs a restart.
struct RoleResolver: Sendable {
    let mapping: RoleMapping
    let daemonUID: UInt32
    private let groupIDs: [Role: Set<UInt32>]

    init(mapping: RoleMapping, daemonUID: UInt32 = getuid(), groupID: (String) -> UInt32? = OSAccounts.groupID(named:)) {
        self.mapping = mapping
        self.daemonUID = daemonUID
        var ids: [Role: Set<UInt32>] = [:]
        for (role, rule) in [(Role.admin, mapping.admin), (.manager, mapping.manager), (.viewer, mapping.viewer)] {
            ids[role] = Set(rule.groups.compactMap(groupID))
        }
        self.groupIDs = ids
    }

    func role(uid: UInt32, userName: String?, groupIDs memberOf: Set<UInt32>) -> Role? {
        if uid == 0 || uid == daemonUID { return .admin }
        let rules: [(Role, RoleRule)] = [(.admin, mapping.admin), (.manager, mapping.manager), (.viewer, mapping.viewer)]
        for (role, rule) in rules {
            if let userName, rule.users.contains(userName) { return role }
            if rule.users.contains(String(uid)) { return role }
            if !(groupIDs[role] ?? []).isDisjoint(with: memberOf) { return role }
        }
        return nil
    }
}
