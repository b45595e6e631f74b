extension ClientCSVHeader {
    /// Column names as the spreadsheets of this project's users say them: Polish, Russian,
    /// Lithuanian and Romanian (the languages of our first users; the reference weekly sheet is
    /// "организация, телефон, эл. почта, И.О. контактного лица, статус"). Keys are lower
    /// case, as ``normalise(_:)`` leaves a header; a header in another language is one
    /// `--map "Header=field"` away.
    static let translatedAliases: [String: Field] = [
        // name
        "nazwa": .name, "nazwa firmy": .name, "firma": .name, "organizacja": .name, "klient": .name,
        "организация": .name, "название": .name, "название организации": .name, "наименование": .name,
        "компания": .name, "клиент": .name,
        "įmonė": .name, "įmonės pavadinimas": .name, "pavadinimas": .name, "organizacija": .name, "klientas": .name,
        "denumire": .name, "companie": .name, "nume firma": .name, "organizatie": .name, "organizație": .name, "client": .name,
        // contact person
        "osoba kontaktowa": .contact, "kontakt": .contact,
        "контактное лицо": .contact, "контакт": .contact, "и.о. контактного лица": .contact, "фио": .contact,
        "фио контактного лица": .contact,
        "kontaktinis asmuo": .contact, "kontaktas": .contact,
        "persoana de contact": .contact, "persoană de contact": .contact, "persoană contact": .contact, "persoana contact": .contact,
        // phones
        "telefon": .phone, "nr telefonu": .phone, "numer telefonu": .phone, "tel.": .phone,
        "телефон": .phone, "тел": .phone, "тел.": .phone, "номер телефона": .phone,
        "telefonas": .phone, "telefono numeris": .phone, "tel. nr.": .phone,
        "numar de telefon": .phone, "număr de telefon": .phone,
        "telefon 2": .phone2, "телефон 2": .phone2, "telefonas 2": .phone2,
        // e-mail
        "adres e-mail": .email, "poczta": .email,
        "эл.почта": .email, "эл. почта": .email, "электронная почта": .email, "почта": .email,
        "el. paštas": .email, "el.paštas": .email, "el. pastas": .email,
        "adresa de email": .email, "adresă de email": .email,
        // the rest
        "uwagi": .notes, "notatki": .notes, "примечание": .notes, "примечания": .notes, "комментарий": .notes,
        "pastabos": .notes, "observatii": .notes, "observații": .notes,
        "статус": .status, "būsena": .status, "statusas": .status, "stare": .status,
        "сегмент": .segment, "segmentas": .segment,
        "strefa czasowa": .timezone, "часовой пояс": .timezone, "laiko juosta": .timezone, "fus orar": .timezone,
    ]
}
