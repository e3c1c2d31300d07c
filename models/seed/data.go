package seed

// Fictional people and the kind of offers a Danish volunteer centre lists, for synthetic data.
var (
	seedFirstNames = []string{"Anna", "Birte", "Bent", "Dorthe", "Erik", "Grethe", "Hanne", "Inge", "Jens", "Karen",
		"Kirsten", "Lene", "Lis", "Mogens", "Niels", "Ole", "Poul", "Ruth", "Svend", "Tove", "Ulla", "Vibeke", "Aage", "Else",
		"Finn", "Gitte", "Henning", "Jytte", "Knud", "Lone", "Mette", "Nina", "Per", "Rita", "Søren", "Yvonne", "Ahmed", "Fatima", "Maria", "Peter"}
	seedLastNames = []string{"Jensen", "Nielsen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen",
		"Rasmussen", "Jørgensen", "Petersen", "Madsen", "Kristensen", "Olsen", "Thomsen", "Christiansen", "Poulsen", "Johansen",
		"Møller", "Mortensen", "Holm", "Berg", "Dahl", "Lund", "Ali", "Yilmaz"}
	seedStreets = []string{"Valby Langgade", "Amagerbrogade", "Nørrebrogade", "Istedgade", "Frederikssundsvej", "Jagtvej", "Vesterbrogade"}
	// seedActivities: what the activity is called, who runs it, a description as they would write it.
	seedActivities = []struct{ title, org, description string }{
		{"Strikkecafé", "Frivilligcenter Valby", "Vi strikker, hækler og drikker kaffe. Tag dit eget strikketøj med, eller lån garn og pinde hos os. Alle kan være med, også begyndere."},
		{"Gåtur", "Ældre Sagen", "En rolig gåtur på ca. 3 km i eget tempo. Vi mødes foran huset og slutter med kaffe for dem, der har lyst."},
		{"Fællesspisning", "Beboerhuset Sundby", "Vi laver mad sammen og spiser ved lange borde. Pris 40 kr. Tilmelding dagen før til køkkenet."},
		{"Syng sammen", "Kulturhuset Islands Brygge", "Vi synger fra Højskolesangbogen med en pianist. Du behøver ikke kunne synge for at være med."},
		{"Kortklub", "Frivilligcenter Amager", "Whist, rummy og kanasta. Nye spillere bliver lært op. Kaffe og kage for 15 kr."},
		{"Havefællesskab", "Nabohaven på Nørrebro", "Vi passer bede og drivhus sammen. Haveredskaber og handsker er der. Ingen erfaring nødvendig."},
		{"Mænd i bevægelse", "DGI Storkøbenhavn", "Let motion og en snak for mænd over 60. Bagefter en kop kaffe i cafeen."},
		{"Læsekreds", "Valby Bibliotek", "Vi læser en bog om måneden og taler om den. Bibliotekaren har bøgerne klar."},
		{"Dansk sprogcafé", "Røde Kors Nørrebro", "Øv dansk i en afslappet samtale med frivillige. Alle niveauer er velkomne."},
		{"Kreativt værksted", "Frivilligcenter Vesterbro", "Maling, ler og collage. Materialer er til rådighed, og der er altid en frivillig til at hjælpe."},
		{"Stolegymnastik", "Aktivitetscentret Sundby", "Blid motion siddende på en stol, til musik. Passer til alle, også med dårlige knæ."},
		{"Besøgsven-café", "Dansk Folkehjælp", "En hyggelig eftermiddag med kaffe, avis og snak. Her kan du også møde en besøgsven."},
	}
	seedVenues = []struct{ name, street, postal, city string }{
		{"Valby Kulturhus", "Valgårdsvej 4", "2500", "Valby"},
		{"Sundby Beboerhus", "Amagerbrogade 120", "2300", "København S"},
		{"Nørrebro Medborgerhus", "Nørrebrogade 208", "2200", "København N"},
		{"Vesterbro Frivilligcenter", "Enghavevej 40", "1674", "København V"},
		{"Islands Brygge Kulturhus", "Islands Brygge 18", "2300", "København S"},
	}
	// seedWeekdays are the plural Danish weekday names, Monday = 1.
	seedWeekdays = []string{"", "mandage", "tirsdage", "onsdage", "torsdage", "fredage"}
	seedSlots    = [][2]string{{"10:00", "12:00"}, {"13:00", "15:00"}, {"14:00", "16:00"}, {"17:30", "19:30"}}

	seedReferralReasons = []string{"Ensom efter sin ægtefælles død; ønsker at komme mere ud.", "Nedtrykt og isoleret efter sygemelding.",
		"Flyttet til byen og kender ingen.", "Har brug for fællesskab og struktur på ugen.", "Angst for at gå ud alene; vil gerne i gang igen."}
	seedInbound  = []string{"1", "1", "Ja, det var hyggeligt", "2", "3", "1 tak", "Jeg kommer på tirsdag", "Det var dejligt at komme ud", "Nej, jeg var syg"}
	seedFreeText = []string{"Jeg har det ikke så godt for tiden", "Kan du ringe til mig?", "Jeg tør ikke gå derhen alene", "Hvornår er næste gang?"}
)
