import CallsheetDomain
import Testing

@Suite struct RoleTests {
    @Test func rolesAreOrderedFromViewerToAdmin() {
        #expect(Role.viewer < Role.manager)
        #expect(Role.manager < Role.admin)
        #expect(Role.allCases.sorted() == [.viewer, .manager, .admin])
    }

    @Test(arguments: [("admin", Role.admin), ("Administrator", .admin), ("MANAGER", .manager), ("viewer", .viewer)])
    func namesParse(name: String, role: Role) {
        #expect(Role(name: name) == role)
    }

    @Test func unknownNamesDoNotParse() {
        #expect(Role(name: "root") == nil)
        #expect(Role(name: "") == nil)
    }
}
