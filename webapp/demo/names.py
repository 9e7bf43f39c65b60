"""Name and background pools for the demo district, weighted like a California district.

Each background ties names to a CALPADS primary language code (SELA 12.15: 00 English,
01 Spanish, 02 Vietnamese, 03 Cantonese, 04 Korean, 05 Filipino, 07 Mandarin, 11 Arabic,
22 Hindi), race codes (SINF 2.25: 201 Chinese, 203 Korean, 204 Vietnamese, 205 Asian Indian,
400 Filipino, 600 Black or African American, 700 White), birth countries (ISO 3166 alpha-2)
and birth cities, so a family reads as one family.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Background:
    key: str
    weight: int
    hispanic: bool
    race_codes: tuple[str, ...]
    language: str  # primary language code when the home language is not English
    english_at_home: float  # share of families of this background who speak English at home
    girls: tuple[str, ...]
    boys: tuple[str, ...]
    adults_f: tuple[str, ...]
    adults_m: tuple[str, ...]
    last_names: tuple[str, ...]
    countries: tuple[tuple[str, str], ...]  # (country code, city) for children born abroad


BACKGROUNDS: tuple[Background, ...] = (
    Background(
        "hispanic", 52, True, ("700",), "01", 0.35,
        ("María", "Sofía", "Valentina", "Camila", "Isabella", "Ximena", "Lucía", "Daniela",
         "Ana", "Mariana", "Renata", "Itzel", "Guadalupe", "Jimena", "Natalia", "Abril"),
        ("José", "Mateo", "Santiago", "Diego", "Ángel", "Emiliano", "Sebastián", "Luis",
         "Andrés", "Julián", "Adrián", "Joaquín", "Iván", "Tomás", "Rubén", "Martín"),
        ("Rosa", "Guadalupe", "Verónica", "Araceli", "Leticia", "Yesenia", "Carmen", "Elena",
         "Marisol", "Inés", "Beatriz", "Claudia"),
        ("Miguel", "Jesús", "Francisco", "Juan", "Ramón", "Héctor", "Raúl", "Óscar",
         "Alejandro", "Fernando", "Sergio", "Efraín"),
        ("Hernández", "García", "Martínez", "López", "González", "Rodríguez", "Pérez",
         "Sánchez", "Ramírez", "Flores", "Gómez", "Díaz", "Reyes", "Morales", "Cruz",
         "Gutiérrez", "Chávez", "Ruiz", "Álvarez", "Jiménez", "Vásquez", "Castillo",
         "Mendoza", "Núñez", "Peña", "Ibáñez", "Muñoz", "Ortega", "Domínguez", "Solís"),
        (("MX", "Guadalajara"), ("MX", "Oaxaca de Juárez"), ("MX", "Morelia"),
         ("GT", "Quetzaltenango"), ("SV", "San Salvador"), ("HN", "Tegucigalpa")),
    ),
    Background(
        "vietnamese", 7, False, ("204",), "02", 0.25,
        ("Linh", "Thảo", "Anh", "Ngọc", "Vy", "Trâm", "Hương", "Mai"),
        ("Minh", "Huy", "Bảo", "Khánh", "Phúc", "Đức", "Tuấn", "Quang"),
        ("Lan", "Hoa", "Thủy", "Hằng", "Phương"),
        ("Minh", "Hùng", "Dũng", "Thắng", "Long"),
        ("Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ"),
        (("VN", "Đà Nẵng"), ("VN", "Huế"), ("VN", "Hồ Chí Minh")),
    ),
    Background(
        "chinese", 6, False, ("201",), "07", 0.35,
        ("Mei", "Jia", "Xinyi", "Yuxuan", "Ling", "Shu"),
        ("Wei", "Hao", "Jun", "Zihan", "Yichen", "Bo"),
        ("Li", "Xiu", "Hui", "Yan"),
        ("Jian", "Gang", "Ming", "Qiang"),
        ("Chen", "Wang", "Li", "Zhang", "Liu", "Huang", "Zhou", "Wu"),
        (("CN", "Guangzhou"), ("CN", "Shanghai"), ("TW", "Taipei")),
    ),
    Background(
        "filipino", 6, False, ("400",), "05", 0.6,
        ("Bea", "Kristine", "Angelica", "Jasmine", "Camille", "Patricia"),
        ("Angelo", "Joshua", "Paolo", "Miguel", "Carlo", "Rafael"),
        ("Maricel", "Rowena", "Liza", "Jocelyn"),
        ("Ramil", "Arnel", "Jericho", "Noel"),
        ("Santos", "Reyes", "Bautista", "Dela Cruz", "Mendoza", "Villanueva", "Aquino", "Castillo"),
        (("PH", "Quezon City"), ("PH", "Cebu City")),
    ),
    Background(
        "korean", 2, False, ("203",), "04", 0.4,
        ("Ji-woo", "Seo-yeon", "Min-seo", "Ha-eun"),
        ("Min-jun", "Seo-jun", "Do-hyun", "Ji-ho"),
        ("Eun-ji", "Soo-jin"),
        ("Sung-min", "Jae-won"),
        ("Kim", "Park", "Lee", "Choi", "Jung"),
        (("KR", "Seoul"), ("KR", "Busan")),
    ),
    Background(
        "south_asian", 3, False, ("205",), "22", 0.5,
        ("Priya", "Ananya", "Diya", "Aanya", "Saanvi"),
        ("Aarav", "Vihaan", "Arjun", "Rohan", "Kabir"),
        ("Sunita", "Kavita", "Pooja"),
        ("Rajesh", "Sanjay", "Vikram"),
        ("Patel", "Singh", "Sharma", "Gupta", "Reddy"),
        (("IN", "Ahmedabad"), ("IN", "Pune")),
    ),
    Background(
        "arab", 2, False, ("700",), "11", 0.3,
        ("Amira", "Layla", "Nour", "Yasmin"),
        ("Omar", "Yousef", "Karim", "Adam"),
        ("Rania", "Huda"),
        ("Khaled", "Samir"),
        ("Haddad", "Khalil", "Saleh", "Mansour"),
        (("JO", "Amman"), ("LB", "Beirut")),
    ),
    Background(
        "black", 6, False, ("600",), "00", 1.0,
        ("Aaliyah", "Imani", "Zuri", "Jada", "Nia", "Kiara"),
        ("Jaylen", "Malik", "Darius", "Xavier", "Isaiah", "Andre"),
        ("Tasha", "Keisha", "Monique", "Denise"),
        ("Marcus", "Terrence", "Derrick", "Curtis"),
        ("Washington", "Jackson", "Robinson", "Harris", "Thompson", "Brooks", "Coleman"),
        (),
    ),
    Background(
        "white", 16, False, ("700",), "00", 1.0,
        ("Olivia", "Emma", "Ava", "Chloé", "Harper", "Zoë", "Madison", "Claire", "Grace"),
        ("Liam", "Noah", "Ethan", "Owen", "Wyatt", "Caleb", "Henry", "Logan", "Jack"),
        ("Jennifer", "Sarah", "Amanda", "Heather", "Megan", "Renée"),
        ("Michael", "David", "Brian", "Kevin", "Jason", "Matthew"),
        ("Smith", "Johnson", "Miller", "Anderson", "Taylor", "Wilson", "Moore", "Clark",
         "Baker", "O'Brien", "Schäfer", "Sullivan", "Novak"),
        (),
    ),
)

MIDDLE_NAMES = ("Isabel", "Alejandro", "Marie", "James", "Lynn", "Ángel", "Rose", "Daniel", "Grace", "Luis")

STREETS = ("Sycamore Ave", "Calle del Sol", "Oak Grove Rd", "Mission St", "Alvarado Blvd",
           "Manzanita Dr", "Valle Verde Way", "Cedar St", "Camino Real", "Jacaranda Ln",
           "Poppy Ct", "Madrone Ave", "Sierra Vista Pkwy", "Las Palmas Dr")

TEACHER_LAST_NAMES = ("Ortiz", "Kim", "Bennett", "Delgado", "Tran", "Fischer", "Okafor",
                      "Ramos", "Chen", "Whitaker", "Serrano", "Nakamura", "Lopez", "Murphy",
                      "Aguilar", "Patel", "Silva", "Jensen", "Navarro", "Brooks")
TEACHER_FIRST_NAMES = ("Laura", "Daniel", "Patricia", "Carlos", "Helen", "Mark", "Yolanda",
                       "Steven", "Grace", "Rubén", "Monica", "Kenji", "Teresa", "Paul",
                       "Alicia", "Ravi", "Denise", "Erik", "Marta", "Gloria")
