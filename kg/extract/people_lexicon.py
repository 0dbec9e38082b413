"""Word lists for reading people out of readouts: titles, honorifics, name particles.

A person is recognised next to a title ("Special Envoy for Climate Change Xie Zhenhua",
"Grace Fu, Minister for Sustainability and the Environment") or an honorific ("Ms Grace
Fu"). The words of ministry and office names ("Climate", "Change", "Foreign", "Affairs")
are listed so that the end of a title and the start of a name can be told apart: in
"Minister for Sustainability and the Environment Grace Fu" the name is the run of
capitalised words after the last title word.
"""

from __future__ import annotations

# Head nouns of titles (one token each; multi-word heads are built from modifiers + heads).
ROLE_HEADS = {
    "President", "Vice-President", "President-designate", "President-elect", "Premier", "Vice-Premier",
    "Minister", "Minister-in-charge", "Minister-designate", "Chancellor", "Vice-Chancellor", "Secretary",
    "Secretary-General", "Under-Secretary-General", "Undersecretary", "Under-Secretary", "Envoy", "Advisor", "Adviser",
    "Ambassador", "Commissioner", "Administrator", "Director", "Director-General", "Head", "Chair", "Co-Chair",
    "Co-chair", "Chairman", "Chairwoman", "Chairperson", "Vice-Chair", "Vice-Chairman", "CEO", "Governor",
    "Mayor", "Coordinator", "Spokesperson", "Spokesman", "Spokeswoman", "Representative", "Counsellor",
    "Counselor", "King", "Queen", "Prince", "Emir", "Chief", "President-Designate", "President-Elect", "Member", "Deputy", "Leader",
    "Senator", "Congressman", "Congresswoman", "Speaker", "Officer", "Official", "Negotiator",
    "Rapporteur", "Vice-Minister", "Taoiseach", "Tánaiste", "Consul", "Consul-General",
    "Attaché", "Principal", "Councilor", "Councillor", "Commissioner-designate", "Envoy-designate", "Founder", "Co-Founder", "Partner", "Vice", "MP", "MEP", "Lead",
}
# Plural heads: a title that distributes over a list of names ("Commissioners A, B and C").
PLURAL_HEADS = {
    "Presidents": "President", "Prime Ministers": "Prime Minister", "Ministers": "Minister",
    "Commissioners": "Commissioner", "Envoys": "Envoy", "Secretaries": "Secretary",
    "Ambassadors": "Ambassador", "Chancellors": "Chancellor", "Senators": "Senator", "Governors": "Governor",
    "Co-Chairs": "Co-Chair", "Co-chairs": "Co-Chair", "Vice-Presidents": "Vice-President",
    "Executive Vice-Presidents": "Executive Vice-President", "Leaders": "Leader",
}
# Words that may precede or join a head inside a title.
ROLE_MODIFIERS = {
    "Prime", "Vice", "Deputy", "Senior", "Special", "Executive", "Chief", "Acting", "Assistant", "Associate",
    "Principal", "Permanent", "Parliamentary", "State", "Foreign", "Union", "Cabinet", "Coordinating",
    "First", "Second", "Federal", "Presidential", "High", "General", "Interim", "Lead", "Climate", "Energy",
    "Environment", "Finance", "Trade", "Crown", "Grand", "Managing", "Co-", "Secretary", "Minister",
    "National", "Security", "International", "Under", "Joint", "Regional", "Economic", "Development",
    "Environmental", "Supreme", "Designate", "Honorary", "Economy", "Press",
}
# Words of ministry, office and portfolio names that follow "for", "of", "at" inside a title.
ROLE_VOCABULARY = {
    "Climate", "Change", "Environment", "Environmental", "Energy", "Energies", "Foreign", "Affairs", "Sustainability",
    "Sustainable", "Trade", "Industry", "Industrial", "Finance", "Financial", "Economy", "Economic", "Economics",
    "Ecology", "Ecological", "Natural", "Resources", "Resource", "Water", "Waters", "Agriculture", "Agricultural",
    "Rural", "Urban", "Urban-Rural", "Housing", "Development", "Science", "Sciences", "Technology", "Technologies",
    "Innovation", "National", "Security", "International", "Policy", "Policies", "Cooperation", "Council",
    "Commission", "State", "States", "Labour", "Labor", "Employment", "Forest", "Forests", "Forestry", "Nuclear",
    "Safety", "Conservation", "Nature", "Transition", "Revenue", "Relations", "Administration", "Action",
    "Planning", "Reform", "Infrastructure", "Transport", "Transportation", "Mines", "Mining", "Petroleum",
    "Oil", "Gas", "Power", "Electricity", "Fisheries", "Oceans", "Ocean", "Marine", "Maritime", "Health",
    "Education", "Justice", "Interior", "Home", "Defence", "Defense", "Treasury", "Commerce", "Investment",
    "Investments", "Budget", "Communications", "Information", "Digital", "Tourism", "Culture", "Land", "Lands",
    "Meteorology", "Disaster", "Management", "Emergency", "Research", "Green", "Growth", "Clean", "Renewable",
    "Renewables", "Efficiency", "Chemicals", "Biodiversity", "Wildlife", "Parks", "Protection", "Local",
    "Government", "Public", "Works", "Coordination", "Cabinet", "Office", "Presidency", "Republic", "Kingdom",
    "Ministry", "Ministries", "Department", "Agency", "Bureau", "Secretariat", "Committee", "Board", "Group",
    "Team", "Authority", "Assembly", "Parliament", "Senate", "House", "White", "Congress",
    "European", "Union", "United", "Nations", "Framework", "Convention", "Conference", "Parties", "Party",
    "Paris", "Agreement", "Global", "Methane", "Pledge", "Summit", "Dialogue", "Forum", "Partnership",
    "Alliance", "Initiative", "Programme", "Program", "Fund", "Bank", "Foundation", "Institute", "Organization",
    "Organisation", "Cities", "City", "Municipal", "Province", "Provincial", "Region", "Provinces", "Affair",
    "Operations", "Strategy", "Strategic", "Statistics", "Communication", "Communities",
    "Community", "Social", "Welfare", "Youth", "Women", "Gender", "Family", "Sports", "Arts", "Heritage",
    "Food", "Veterinary", "Livestock", "Irrigation", "Hydrocarbons", "Minerals", "Mineral",
    "Hydrogen", "Solar", "Wind", "Coal", "Carbon", "Emissions", "Pollution", "Waste", "Circular", "Adaptation",
    "Mitigation", "Resilience", "Air", "Quality", "Ecosystems", "Ecosystem", "Territorial", "Territory",
    "Cohesion", "Reforms", "Urbanisation", "Urbanization", "Urbanism", "Construction", "Spatial", "Sanitation",
    "Decentralisation", "Decentralization", "Industrialisation", "Industrialization", "Mobility", "Logistics",
    "Aviation", "Shipping", "Ports", "Territories", "Climate-Resilient", "Meteorological", "Coordinator", "Negotiations", "Negotiation", "Multilateral", "Bilateral",
    "Integration", "Commonwealth", "Overseas", "Aid", "Humanitarian", "Relief", "Regions", "Decarbonisation",
    "Decarbonization", "Implementation", "Review", "Plenipotentiary",
    "Extraordinary", "Americas", "Asia", "Africa", "Pacific", "Europe", "Middle", "East", "Enterprise", "Enterprises", "Business", "Businesses", "Competitiveness", "Fiscal", "Monetary",
    "Ministers", "Central", "Planet", "Earth", "Future", "Generations", "Higher",
    "Skills", "Wellbeing", "Well-being", "Networks", "Telecommunications", "Budgets",
    "Equality", "Staff", "Chief", "Advisors", "Advisers", "Envoys", "Leaders", "Heads",
    "Expert", "Experts", "COP", "UN", "U.N.", "UNFCCC", "G20", "G7", "IPCC", "Centre", "Center",
    "Building", "Buildings", "Engineering",
}
ROLE_VOCABULARY |= {
    "New", "Project", "Projects", "Unit", "Units", "Division", "Directorate", "Directorate-General", "Service",
    "Services", "Steel", "Ports", "Shipping", "Waterways", "Aviation", "Railways", "Roads", "Highways",
    "External", "Internal", "World", "Petroleum", "Atomic", "Space", "Ecology", "Presidential", "Executive",
    "Legislative", "Judicial", "Scientific", "Technical", "Policy", "Political", "Permanent", "Mission",
    "Delegation", "Embassy", "Consulate", "Programmes", "Initiatives", "Affairs", "Partnerships", "Outreach",
    "Engagement", "Diplomacy", "Cooperation", "Development", "Net", "Zero", "Electric", "Vehicles", "Industries",
    "Blue", "Regulation", "Regulatory", "Hazards", "Geo-Hazards", "Geohazards",
}
# Lower-case words allowed inside a title ("Minister for the Environment", "27th session of").
ROLE_CONNECTORS = {"of", "for", "and", "the", "to", "at", "on", "in", "&", "session", "sessions", "a"}

# Honorifics and styles that stand before a name and are not part of it.
HONORIFICS = {
    "Mr", "Mr.", "Ms", "Ms.", "Mrs", "Mrs.", "Dr", "Dr.", "Prof", "Prof.", "Professor", "Sir", "Dame", "Madam",
    "Mme", "Mme.", "H.E.", "H.E", "HE", "H.H.", "Hon.", "Hon", "Honourable", "Honorable", "Excellency",
    "Highness", "Majesty", "Lord", "Lady", "Rt.", "Rt", "Right", "His", "Her", "The", "Sen.", "Rep.", "Gov.",
    "Amb.", "Gen.", "Shri", "Smt", "Smt.", "Sushri", "Kumari", "Dato'", "Datuk", "Pehin",
    # styles of South Asian, Malaysian and professional use: "Adv." (advocate), "Sh." (Shri), "Tan Sri"
    "Adv.", "Adv", "Sh.", "Engr.", "Engr", "Seri", "Tun", "Datin", "Hon'ble", "Shrimati",
    # Gulf styles: "His Royal Highness", "Sayyid" (Oman), "Eng." (engineer)
    "Royal", "Sayyid", "Sayyida", "Eng.", "Eng", "Sheikha",
}
# Post-nominal letters after a name ("Anthony Albanese MP", "Justin Trudeau, P.C., M.P.").
POST_NOMINALS = {"MP", "M.P.", "P.C.", "PC", "MEP", "QC", "KC", "OBE", "CBE", "KBE", "MBE", "PhD", "Ph.D."}
# Generational suffixes that stay part of a name ("Joseph R. Biden, Jr.").
NAME_SUFFIXES = {"Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV"}
# Particles inside names ("Lula da Silva", "von der Leyen", "bin Zayed", "Al Nahyan").
NAME_PARTICLES = {
    "da", "de", "do", "dos", "das", "di", "del", "della", "van", "von", "der", "den", "du", "la", "le", "bin",
    "bint", "ibn", "al", "el", "Bin", "Al", "El", "ben", "y", "zu", "ter", "af",
}
# Capitalised words that never start or continue a person's name in readouts.
NOT_NAME_WORDS = {
    "The", "This", "That", "These", "Those", "A", "An", "And", "Or", "But", "Both", "All", "Each", "Today", "Tomorrow",
    "Yesterday", "On", "In", "At", "By", "For", "From", "With", "Without", "To", "Of", "As", "During", "After",
    "Before", "Following", "Under", "Over", "Through", "He", "She", "They", "We", "It", "His", "Her", "Their",
    "Our", "Its", "I", "You", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December", "Sept", "Readout", "Statement", "Joint", "Press", "Release", "Summary", "Fact",
    "Sheet", "Participants", "Participant", "Included", "Leaders", "Side", "Sides", "Parties", "Party",
    "Meeting", "Meetings", "Call", "Visit", "Said", "Says", "Also", "However", "Further", "Moreover",
    "Additionally", "Together", "Next", "Last", "Earlier", "Later", "Then", "Now", "Here", "There", "When",
    "While", "Where", "Who", "What", "Which", "Why", "How", "If", "Although", "Since", "Until", "Upon",
    "Recalling", "Recognizing", "Recognising", "Noting", "Welcoming", "Building", "Thanking", "Mr", "Ms",
    "Mrs", "Dr", "Jr", "Sr", "Sheikh", "QUOTES", "Quotes", "Note", "Notes", "Editors", "Editor", "Annex",
    "Background", "Factsheet", "Minister", "Ministers", "President", "Presidents", "Prime", "Secretary",
    "Envoy", "Special", "Senior", "Executive", "Vice", "Deputy", "Chair", "Chairman", "Commissioner",
    "Commissioners", "Ambassador", "Chancellor", "Governor", "Premier", "King", "Queen", "Excellency",
    "Highness", "Majesty", "Honorable", "Honourable", "Right", "Lord", "Lady", "Sir", "Dame", "Professor",
    "Prof", "General", "Director", "Head", "Administrator", "Advisor", "Adviser", "Coordinator", "Member",
    "Delegation", "Delegations", "Government", "Governments", "Ministry", "Department", "Office", "Embassy",
    "Summit", "Conference", "Forum", "Dialogue", "Agreement", "Partnership", "Initiative", "Group", "Council",
    "Commission", "Committee", "Working", "Task", "Force", "Climate", "Energy", "Environment", "Change",
    "Global", "International", "National", "Federal", "Republic", "Kingdom", "Union", "United", "Nations",
    "States", "State", "European", "Affairs", "Foreign", "House", "White", "Senate", "Congress", "Parliament",
    "COP", "UN", "Pledge", "Plan", "Program", "Programme", "Fund", "Bank", "Foundation", "Institute", "Day",
    "Week", "Year", "Month", "Chinese", "American", "Presidency", "Leader", "Let", "Please", "Read", "More",
    "Click", "Share", "Print", "Email", "Tweet", "Follow", "Photo", "Video", "Source", "Updated", "Published",
    "Law", "Act", "Bill", "Treaty", "Protocol", "Declaration", "Communique", "Communiqué", "Roadmap",
    "Action", "Actions", "Framework", "Convention", "Methane", "Green", "Clean", "Net", "Zero", "Carbon",
    "Article", "Paragraph", "Section", "Chapter", "Spokesperson", "Spokesman", "Representative", "Officials",
    "Official", "Counterparts", "Counterpart", "Colleagues", "CEO", "Ministerial", "Regarding", "Concerning",
    "Via", "Per", "Amid", "Among", "Between", "Within", "Across", "Against", "Toward", "Towards", "About",
    "Ocean", "Water", "Forest", "Forests", "Nature", "Biodiversity", "Finance", "Trade", "Investment",
    "Meets", "Met", "Visits", "Visited", "Attends", "Attended", "Holds", "Held", "Calls", "Called", "Announces",
    "Announced", "Launches", "Launched", "Signs", "Signed", "Speaks", "Welcomes", "Welcomed", "Hosts",
    "Hosted", "Joins", "Joined", "Leads", "Led", "Discusses", "Discussed", "Delivers", "Receives", "Received",
    "Travels", "Concludes", "Concluded", "Urges", "Commits", "Pledges", "Reaffirm", "Reaffirms", "Participate",
    "Participates", "Co-Chairs", "Chairs", "Opens", "Addresses", "Underscores", "Highlights", "Remarks", "Interview", "Op-Ed", "Speech", "Keynote", "Transcript", "Will", "Order", "Orders", "Strategy", "Policy", "Report", "Agenda", "Charter", "Accord", "Pact", "Compact",
    "Mission", "Vision", "Budget", "Review", "Decision", "Resolution", "Guidelines", "Principles", "Standards",
}

# Organisations whose people are recorded with the organisation's name as actor.
ORGANISATION_ACTORS = {
    "United Nations": "United Nations", "UN": "United Nations", "U.N.": "United Nations",
    "UNFCCC": "UNFCCC", "World Bank": "World Bank", "IMF": "International Monetary Fund",
    "International Energy Agency": "International Energy Agency", "IEA": "International Energy Agency",
    "WTO": "World Trade Organization", "OECD": "OECD", "UNEP": "UNEP", "IRENA": "IRENA",
}
# Institutions that stand for a state in a title: "at the White House" is the United States.
INSTITUTION_ACTORS = {
    "White House": "US", "State Department": "US", "Department of State": "US", "Kremlin": "RU",
    "Élysée": "FR", "Elysee": "FR", "Downing Street": "GB", "European Commission": "EU",
    "European Council": "EU", "European Parliament": "EU", "Council of the EU": "EU",
}
# Titles that only the EU gives: a person with one of these and no state is the EU's.
EU_TITLES = ("Commissioner", "Executive Vice-President", "High Representative", "European Commission",
             "European Council", "Director-General for", "Director General for")

# Short forms of given names: "Joe Biden" and "Joseph R. Biden" are one person.
NICKNAMES = {
    "joe": "joseph", "bill": "william", "bob": "robert", "jim": "james", "mike": "michael", "tony": "anthony",
    "alex": "alexander", "tom": "thomas", "dan": "daniel", "ben": "benjamin", "sam": "samuel",
    "chris": "christopher", "nick": "nicholas", "rick": "richard", "dick": "richard", "ted": "edward",
    "ed": "edward", "liz": "elizabeth", "kate": "katherine", "steve": "stephen", "andy": "andrew",
    "matt": "matthew", "pete": "peter", "ron": "ronald", "don": "donald", "jerry": "gerald",
    "larry": "lawrence", "bernie": "bernard", "chuck": "charles", "charlie": "charles",
}
