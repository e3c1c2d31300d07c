package models

// Fictional names for synthetic data: common Danish first and last names combined at random.
var (
	seedFirstNames = []string{"Anna", "Birte", "Bent", "Dorthe", "Erik", "Grethe", "Hanne", "Inge", "Jens", "Karen",
		"Kirsten", "Lene", "Lis", "Mogens", "Niels", "Ole", "Poul", "Ruth", "Svend", "Tove", "Ulla", "Vibeke", "Aage", "Else",
		"Finn", "Gitte", "Henning", "Jytte", "Knud", "Lone", "Mette", "Nina", "Per", "Rita", "Søren", "Yvonne", "Ahmed", "Fatima", "Maria", "Peter"}
	seedLastNames = []string{"Jensen", "Nielsen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen",
		"Rasmussen", "Jørgensen", "Petersen", "Madsen", "Kristensen", "Olsen", "Thomsen", "Christiansen", "Poulsen", "Johansen",
		"Møller", "Mortensen", "Holm", "Berg", "Dahl", "Lund", "Ali", "Yilmaz"}
	seedOfferTitles = []string{"Strikkecafé", "Gåklub", "Fællesspisning", "Sangkor", "Kortspil", "Havefællesskab", "Herreklub",
		"Læsekreds", "Motion for seniorer", "Kreativt værksted", "Dansk sprogcafé", "Billard", "Petanque", "Madklub for mænd",
		"Svømning for seniorer", "Frivilligcentrets café", "Natur og vandring", "Filmklub", "Bowling", "Yoga på stol"}
	seedOrgs = []string{"Frivilligcenter Amager", "Ældre Sagen", "Røde Kors", "KFUM", "Kulturhuset Islands Brygge",
		"DGI Storkøbenhavn", "Amager Bibliotek", "Sundhedshuset", "Beboerforeningen", "Dansk Folkehjælp"}
	seedInbound  = []string{"Ja", "4", "3", "Tak for beskeden", "Jeg kommer på tirsdag", "1", "5", "Nej", "2", "Hvem er det?", "Det var hyggeligt"}
	seedOutbound = []string{"Hej. Husk strikkecaféen i dag kl. 14:00. God fornøjelse!", "Var du til gåklubben? Svar 1 Ja, 2 Nej, 3 Ikke denne gang, men jeg kommer.",
		"Tak for dine svar. Skriv gerne, hvis du har brug for noget.", "Vi vil gerne høre, hvordan du har det. Her er 5 korte spørgsmål."}
)
