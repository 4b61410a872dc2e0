"""Made-up clients for trying the app and for measuring it: names from many languages and
scripts, dates of birth over seven decades, contact details that look real and are not.
Deterministic for a seed."""

import random
from datetime import date, timedelta

from mneedle_desktop.domain.clients import ClientDetails, Sex

# (family names, given names) by language. Every name is common and none is anyone in
# particular.
NAMES: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (
        ("Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Evans", "Thomas"),
        ("Olivia", "Amelia", "Isla", "Ava", "Emily", "Jack", "Harry", "George"),
    ),
    (("Murphy", "O'Brien", "Ó Súilleabháin", "Kelly"), ("Aoife", "Siobhán", "Niamh", "Seán")),
    (("Müller", "Schäfer", "Groß", "Weiß"), ("Jürgen", "Lena", "Jörg", "Anneliese")),
    (("Ørsted", "Sørensen", "Østergaard"), ("Søren", "Åse", "Zoë", "Mette")),
    (("Łukasiewicz", "Wiśniewska", "Dąbrowski", "Żak"), ("Łucja", "Zofia", "Paweł", "Ewa")),
    (("García", "Fernández", "Muñoz", "Peña"), ("José", "María", "Lucía", "Iñaki")),
    (("Nguyễn", "Trần", "Lê", "Phạm"), ("Thảo", "Minh", "Hương", "Đức")),
    (("Иванова", "Смирнов", "Кузнецова"), ("Анна", "Дмитрий", "Ольга")),
    (("Παπαδοπούλου", "Γεωργίου", "Νικολάου"), ("Ελένη", "Δημήτρης", "Μαρία")),
    (("王", "李", "张", "刘"), ("伟", "芳", "娜", "敏")),
    (("佐藤", "鈴木", "高橋"), ("陽菜", "結衣", "蓮")),
    (("김", "이", "박"), ("민준", "서연", "지우")),
    (("Okafor", "Adeyemi", "Mensah", "Okonkwo"), ("Chidi", "Ngozi", "Kwame", "Amara")),
    (("Khan", "Patel", "Singh", "Hussain"), ("Aisha", "Priya", "Arjun", "Fatima")),
    (("Cohen", "Levi", "Mizrahi"), ("Noa", "Yael", "Avi")),
    (("Silva", "Gonçalves", "Conceição"), ("João", "Inês", "Tomás")),
)


def demo_client(rng: random.Random, today: date) -> ClientDetails:
    families, givens = rng.choice(NAMES)
    # Adults at every consultation of the last ten years.
    age_days = rng.randrange(29 * 365, 80 * 365)
    born = today - timedelta(days=age_days)
    sex = rng.choices((Sex.FEMALE, Sex.MALE, Sex.NOT_STATED, Sex.INTERSEX), weights=(70, 25, 4, 1))[
        0
    ]
    number = rng.randrange(100_000, 999_999)
    return ClientDetails(
        family_name=rng.choice(families),
        given_name=rng.choice(givens),
        date_of_birth=born,
        sex=sex,
        phone=f"07700 {number}",
        email=f"client{number}@example.com" if rng.random() < 0.7 else "",
        address=f"{rng.randrange(1, 200)} Example Street, Testington" if rng.random() < 0.8 else "",
    )
