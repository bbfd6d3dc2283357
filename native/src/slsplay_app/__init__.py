"""slsplay's native app: a person's meetups on a phone or a desktop (Toga, Briefcase)."""
