"""Administrative organs (行政机关) and their hierarchy, with their history through 机构改革."""
