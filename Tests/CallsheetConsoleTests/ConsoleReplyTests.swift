import CallsheetClient
import Testing

/// Tests read answers by name: status fields and table rows as the client parses them.
@Suite struct ConsoleReplyTests {
    @Test func tableRowsAreReadByColumnWithSpacesInsideCells() {
        let reply = ConsoleReply(
            body: [
                "login  name    team  capacity",
                "anna   Anna K  ewa   100",
                "piotr  Piotr   ewa   80",
            ], status: "OK managers=2")
        #expect(
            reply.rows == [
                ["login": "anna", "name": "Anna K", "team": "ewa", "capacity": "100"],
                ["login": "piotr", "name": "Piotr", "team": "ewa", "capacity": "80"],
            ])
        #expect(reply.field("managers") == "2")
    }

    @Test func aBodyWithoutATableHasNoRows() {
        #expect(ConsoleReply(body: [], status: "OK").rows.isEmpty)
        #expect(ConsoleReply(body: ["only_header"], status: "OK").rows.isEmpty)
        #expect(ConsoleReply(body: [], status: #"OK note="two words" task=3"#).field("note") == "two words")
    }
}
