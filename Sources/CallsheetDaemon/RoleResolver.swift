import CallsheetDomain

#if canImport(Glibc)
import Glibc
#endif

/// Maps a connecting OS user to a console role, from the `roles:` section of the config.
///
/// root and the daemon's own user are always admin; otherwise the highest role whose
/// `users` names the user or whose `groups` contains one of their groups; nil means the
/// user has no business with this daemon.
struct RoleResolver: Sendable {
    let mapping: RoleMapping
    let daemonUID: UInt32

    init(mapping: RoleMapping, daemonUID: UInt32 = getuid()) {
        self.mapping = mapping
        self.daemonUID = daemonUID
    }

    func role(uid: UInt32, userName: String?, groupIDs: Set<UInt32>) -> Role? {
        if uid == 0 || uid == daemonUID { return .admin }
        let rules: [(Role, RoleRule)] = [(.admin, mapping.admin), (.manager, mapping.manager), (.viewer, mapping.viewer)]
        for (role, rule) in rules {
            if let userName, rule.users.contains(userName) { return role }
            if rule.users.contains(String(uid)) { return role }
            if rule.groups.contains(where: { name in OSAccounts.groupID(named: name).map(groupIDs.contains) ?? false }) {
                return role
            }
        }
        return nil
    }
}
