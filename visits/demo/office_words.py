"""The words of the office demo (`demo --office`): regions, names, positions, venues and
event titles in Russian, Kazakh and English, as the office writes them."""

# Where delegations come from: Russian nominative, Russian genitive, Kazakh, English,
# country, home time zone.
REGIONS = [
    ("Алтайский край", "Алтайского края", "Алтай өлкесі", "Altai Krai", "RU", "Asia/Barnaul"),
    (
        "Новосибирская область",
        "Новосибирской области",
        "Новосібір облысы",
        "Novosibirsk Region",
        "RU",
        "Asia/Novosibirsk",
    ),
    ("Омская область", "Омской области", "Омбы облысы", "Omsk Region", "RU", "Asia/Omsk"),
    ("Томская область", "Томской области", "Томск облысы", "Tomsk Region", "RU", "Asia/Tomsk"),
    (
        "Кемеровская область",
        "Кемеровской области",
        "Кемерово облысы",
        "Kemerovo Region",
        "RU",
        "Asia/Novokuznetsk",
    ),
    (
        "Республика Алтай",
        "Республики Алтай",
        "Алтай Республикасы",
        "Altai Republic",
        "RU",
        "Asia/Barnaul",
    ),
    (
        "Свердловская область",
        "Свердловской области",
        "Свердлов облысы",
        "Sverdlovsk Region",
        "RU",
        "Asia/Yekaterinburg",
    ),
    (
        "Красноярский край",
        "Красноярского края",
        "Красноярск өлкесі",
        "Krasnoyarsk Krai",
        "RU",
        "Asia/Krasnoyarsk",
    ),
    (
        "Республика Татарстан",
        "Республики Татарстан",
        "Татарстан Республикасы",
        "Republic of Tatarstan",
        "RU",
        "Europe/Moscow",
    ),
    (
        "Синьцзян-Уйгурский автономный район",
        "Синьцзян-Уйгурского автономного района",
        "Шыңжаң-Ұйғыр автономиялық ауданы",
        "Xinjiang Uyghur Autonomous Region",
        "CN",
        "Asia/Urumqi",
    ),
    (
        "Баян-Улгийский аймак",
        "Баян-Улгийского аймака",
        "Баян-Өлгий аймағы",
        "Bayan-Ölgii Province",
        "MN",
        "Asia/Hovd",
    ),
    (
        "Ташкентская область",
        "Ташкентской области",
        "Ташкент облысы",
        "Tashkent Region",
        "UZ",
        "Asia/Tashkent",
    ),
    (
        "Иссык-Кульская область",
        "Иссык-Кульской области",
        "Ыстықкөл облысы",
        "Issyk-Kul Region",
        "KG",
        "Asia/Bishkek",
    ),
    ("Минская область", "Минской области", "Минск облысы", "Minsk Region", "BY", "Europe/Minsk"),
    (
        "Павлодарская область",
        "Павлодарской области",
        "Павлодар облысы",
        "Pavlodar Region",
        "KZ",
        "Asia/Almaty",
    ),
]

CITY = ("Усть-Каменогорск", "Өскемен", "Ust-Kamenogorsk")
HOST = (
    "Акимат Восточно-Казахстанской области",
    "Шығыс Қазақстан облысының әкімдігі",
    "Akimat of East Kazakhstan Region",
)

# Guests: Russian first names and surnames (Russian, English); the Kazakh text is the
# Russian one, as the office writes foreign names.
GUEST_FIRST = [
    ("Александр", "Alexander"),
    ("Сергей", "Sergey"),
    ("Андрей", "Andrey"),
    ("Дмитрий", "Dmitry"),
    ("Алексей", "Alexey"),
    ("Михаил", "Mikhail"),
    ("Владимир", "Vladimir"),
    ("Николай", "Nikolay"),
    ("Игорь", "Igor"),
    ("Виктор", "Viktor"),
    ("Олег", "Oleg"),
    ("Павел", "Pavel"),
    ("Юрий", "Yury"),
    ("Евгений", "Yevgeny"),
    ("Константин", "Konstantin"),
    ("Роман", "Roman"),
    ("Артём", "Artyom"),
    ("Илья", "Ilya"),
    ("Григорий", "Grigory"),
    ("Степан", "Stepan"),
]
GUEST_LAST = [
    ("Иванов", "Ivanov"),
    ("Петров", "Petrov"),
    ("Смирнов", "Smirnov"),
    ("Кузнецов", "Kuznetsov"),
    ("Попов", "Popov"),
    ("Соколов", "Sokolov"),
    ("Лебедев", "Lebedev"),
    ("Козлов", "Kozlov"),
    ("Новиков", "Novikov"),
    ("Морозов", "Morozov"),
    ("Волков", "Volkov"),
    ("Соловьёв", "Solovyov"),
    ("Васильев", "Vasilyev"),
    ("Зайцев", "Zaytsev"),
    ("Павлов", "Pavlov"),
    ("Семёнов", "Semyonov"),
    ("Голубев", "Golubev"),
    ("Виноградов", "Vinogradov"),
    ("Богданов", "Bogdanov"),
    ("Воробьёв", "Vorobyov"),
    ("Фёдоров", "Fyodorov"),
    ("Михайлов", "Mikhaylov"),
    ("Беляев", "Belyaev"),
    ("Тарасов", "Tarasov"),
    ("Белов", "Belov"),
    ("Комаров", "Komarov"),
    ("Орлов", "Orlov"),
    ("Киселёв", "Kiselyov"),
    ("Макаров", "Makarov"),
    ("Андреев", "Andreyev"),
    ("Ковалёв", "Kovalyov"),
    ("Ильин", "Ilyin"),
    ("Гусев", "Gusev"),
    ("Титов", "Titov"),
    ("Кудрявцев", "Kudryavtsev"),
    ("Баранов", "Baranov"),
    ("Куликов", "Kulikov"),
    ("Алексеев", "Alekseyev"),
    ("Степанов", "Stepanov"),
    ("Яковлев", "Yakovlev"),
]
GUEST_MIDDLE = [
    ("Петрович", "P."),
    ("Викторович", "V."),
    ("Николаевич", "N."),
    ("Александрович", "A."),
]
# Hosts: Kazakh first names and surnames (Russian, Kazakh, English).
HOST_FIRST = [
    ("Ерлан", "Ерлан", "Yerlan"),
    ("Нурлан", "Нұрлан", "Nurlan"),
    ("Асхат", "Асхат", "Askhat"),
    ("Даурен", "Дәурен", "Dauren"),
    ("Бауыржан", "Бауыржан", "Bauyrzhan"),
    ("Серик", "Серік", "Serik"),
    ("Айдос", "Айдос", "Aidos"),
    ("Ержан", "Ержан", "Yerzhan"),
    ("Куаныш", "Қуаныш", "Kuanysh"),
    ("Марат", "Марат", "Marat"),
    ("Тимур", "Тимур", "Timur"),
    ("Азамат", "Азамат", "Azamat"),
    ("Айгерим", "Айгерім", "Aigerim"),
    ("Асель", "Әсел", "Assel"),
    ("Динара", "Динара", "Dinara"),
    ("Гульнара", "Гүлнара", "Gulnara"),
    ("Жанар", "Жанар", "Zhanar"),
    ("Салтанат", "Салтанат", "Saltanat"),
    ("Мадина", "Мадина", "Madina"),
    ("Алия", "Әлия", "Aliya"),
]
HOST_LAST = [
    ("Сапаров", "Сапаров", "Saparov"),
    ("Ахметов", "Ахметов", "Akhmetov"),
    ("Нурпеисов", "Нұрпейісов", "Nurpeisov"),
    ("Касымов", "Қасымов", "Kassymov"),
    ("Жумабаев", "Жұмабаев", "Zhumabayev"),
    ("Омаров", "Омаров", "Omarov"),
    ("Абенов", "Әбенов", "Abenov"),
    ("Тулегенов", "Төлегенов", "Tulegenov"),
    ("Искаков", "Ысқақов", "Iskakov"),
    ("Мукашев", "Мұқашев", "Mukashev"),
    ("Бекмухамбетов", "Бекмұхамбетов", "Bekmukhambetov"),
    ("Сейткали", "Сейітқали", "Seitkali"),
    ("Садыков", "Садықов", "Sadykov"),
    ("Кенжебаев", "Кенжебаев", "Kenzhebayev"),
    ("Утепов", "Өтепов", "Utepov"),
    ("Ибраев", "Ыбыраев", "Ibrayev"),
    ("Токтаров", "Тоқтаров", "Toktarov"),
    ("Елеусизов", "Елеусізов", "Yeleussizov"),
    ("Баймуханов", "Баймұханов", "Baimukhanov"),
    ("Абдрахманов", "Әбдірахманов", "Abdrakhmanov"),
    ("Смагулов", "Смағұлов", "Smagulov"),
    ("Есимов", "Есімов", "Yessimov"),
    ("Дюсенов", "Дүйсенов", "Dyussenov"),
    ("Оспанов", "Оспанов", "Ospanov"),
    ("Шаймарданов", "Шаймарданов", "Shaimardanov"),
    ("Рахимов", "Рахымов", "Rakhimov"),
    ("Турсунов", "Тұрсынов", "Tursunov"),
    ("Калиев", "Қалиев", "Kaliyev"),
    ("Байжанов", "Байжанов", "Baizhanov"),
    ("Мусин", "Мусин", "Mussin"),
    ("Жаксылыков", "Жақсылықов", "Zhaksylykov"),
    ("Альжанов", "Әлжанов", "Alzhanov"),
    ("Нурмагамбетов", "Нұрмағамбетов", "Nurmagambetov"),
    ("Султанов", "Сұлтанов", "Sultanov"),
    ("Ермеков", "Ермеков", "Yermekov"),
    ("Садвакасов", "Сәдуақасов", "Sadvakassov"),
    ("Темирбеков", "Темірбеков", "Temirbekov"),
    ("Кабдулов", "Қабдолов", "Kabdulov"),
    ("Жунусов", "Жүнісов", "Zhunussov"),
    ("Амантаев", "Амантаев", "Amantayev"),
]

GUEST_POSITIONS = {
    "head": ("Губернатор", "Губернатор", "Governor"),
    "deputy_head": ("Заместитель губернатора", "Губернатордың орынбасары", "Deputy Governor"),
    "member": (
        "Министр экономического развития",
        "Экономикалық даму министрі",
        "Minister of Economic Development",
    ),
    "interpreter": ("Переводчик", "Аудармашы", "Interpreter"),
    "press": ("Корреспондент", "Тілші", "Correspondent"),
    "security": (
        "Сотрудник службы безопасности",
        "Қауіпсіздік қызметінің қызметкері",
        "Security officer",
    ),
    "staff": ("Помощник губернатора", "Губернатордың көмекшісі", "Assistant to the Governor"),
}
HOST_POSITIONS = [
    (
        "Аким Восточно-Казахстанской области",
        "Шығыс Қазақстан облысының әкімі",
        "Akim of East Kazakhstan Region",
    ),
    ("Заместитель акима области", "Облыс әкімінің орынбасары", "Deputy Regional Akim"),
    (
        "Руководитель управления туризма",
        "Туризм басқармасының басшысы",
        "Head of the Tourism Department",
    ),
    (
        "Руководитель управления культуры",
        "Мәдениет басқармасының басшысы",
        "Head of the Culture Department",
    ),
    (
        "Руководитель управления индустриально-инновационного развития",
        "Индустриялық-инновациялық даму басқармасының басшысы",
        "Head of the Industrial and Innovative Development Department",
    ),
    ("Руководитель отдела протокола", "Хаттама бөлімінің басшысы", "Head of Protocol"),
    (
        "Главный специалист отдела протокола",
        "Хаттама бөлімінің бас маманы",
        "Chief Protocol Specialist",
    ),
    ("Переводчик", "Аудармашы", "Interpreter"),
    ("Аким города Усть-Каменогорска", "Өскемен қаласының әкімі", "Akim of Ust-Kamenogorsk"),
]
HOST_ORGANIZATIONS = [
    HOST,
    ("Акимат города Усть-Каменогорска", "Өскемен қаласының әкімдігі", "Akimat of Ust-Kamenogorsk"),
    ("Управление туризма ВКО", "ШҚО туризм басқармасы", "EKR Tourism Department"),
    ("Управление культуры ВКО", "ШҚО мәдениет басқармасы", "EKR Culture Department"),
    (
        "Палата предпринимателей ВКО «Атамекен»",
        "ШҚО «Атамекен» кәсіпкерлер палатасы",
        "Atameken Chamber of Entrepreneurs of EKR",
    ),
    ("ВКТУ им. Д. Серикбаева", "Д. Серікбаев атындағы ШҚТУ", "Serikbayev EKTU"),
]

# Venues of the host city: name, address (each trilingual), shared or not.
VENUES = [
    (HOST, ("ул. Горького, 40", "Горький к-сі, 40", "40 Gorky St"), False),
    (
        ("Гостиница «Ирис»", "«Ирис» қонақүйі", "Iris Hotel"),
        ("ул. Казахстан, 72", "Қазақстан к-сі, 72", "72 Kazakhstan St"),
        True,
    ),
    (
        ("Гостиница «Шахтёр»", "«Шахтёр» қонақүйі", "Shakhtyor Hotel"),
        ("ул. Ушанова, 76", "Ушанов к-сі, 76", "76 Ushanov St"),
        True,
    ),
    (
        (
            "Восточно-Казахстанский драматический театр",
            "Шығыс Қазақстан драма театры",
            "East Kazakhstan Drama Theatre",
        ),
        ("ул. Кирова, 67", "Киров к-сі, 67", "67 Kirov St"),
        False,
    ),
    (
        ("Этнопарк «Самал»", "«Самал» этнопаркі", "Samal Ethnopark"),
        ("ул. Бажова, 1", "Бажов к-сі, 1", "1 Bazhov St"),
        True,
    ),
    (
        ("Монумент «Память»", "«Ескерткіш» монументі", "Memorial of Remembrance"),
        ("пр. Независимости, 1", "Тәуелсіздік даңғ., 1", "1 Independence Ave"),
        True,
    ),
    (
        ("Аэропорт Усть-Каменогорска", "Өскемен әуежайы", "Ust-Kamenogorsk Airport"),
        ("ул. Бажова, 101", "Бажов к-сі, 101", "101 Bazhov St"),
        True,
    ),
    (
        (
            "Дворец спорта им. Б. Александрова",
            "Б. Александров атындағы спорт сарайы",
            "Alexandrov Sports Palace",
        ),
        ("ул. Протозанова, 50", "Протозанов к-сі, 50", "50 Protozanov St"),
        False,
    ),
    (
        ("ВКТУ им. Д. Серикбаева", "Д. Серікбаев атындағы ШҚТУ", "Serikbayev EKTU"),
        ("ул. Серикбаева, 19", "Серікбаев к-сі, 19", "19 Serikbayev St"),
        False,
    ),
    (
        ("Завод «Казцинк»", "«Қазмырыш» зауыты", "Kazzinc plant"),
        ("пр. Абая, 1", "Абай даңғ., 1", "1 Abai Ave"),
        False,
    ),
    (
        (
            "Областной историко-краеведческий музей",
            "Облыстық тарихи-өлкетану музейі",
            "Regional Museum of History and Local Lore",
        ),
        ("ул. Узкова, 40", "Узков к-сі, 40", "40 Uzkov St"),
        False,
    ),
    (
        ("Ресторан «Старый город»", "«Ескі қала» мейрамханасы", "Old Town restaurant"),
        ("ул. Пушкина, 10", "Пушкин к-сі, 10", "10 Pushkin St"),
        False,
    ),
    (
        ("Конференц-зал «Алтай»", "«Алтай» конференц-залы", "Altai conference hall"),
        ("ул. Казахстан, 72", "Қазақстан к-сі, 72", "72 Kazakhstan St"),
        False,
    ),
    (
        (
            "Палата предпринимателей «Атамекен»",
            "«Атамекен» кәсіпкерлер палатасы",
            "Atameken Chamber of Entrepreneurs",
        ),
        ("ул. Кабанбай батыра, 4", "Қабанбай батыр к-сі, 4", "4 Kabanbay Batyr St"),
        False,
    ),
    (
        ("Площадь Независимости", "Тәуелсіздік алаңы", "Independence Square"),
        ("пр. Независимости", "Тәуелсіздік даңғ.", "Independence Ave"),
        True,
    ),
]
# More halls in the akimat building, so that parallel tracks have somewhere to meet.
HALLS = 15

# Event titles by kind: (Russian, Kazakh, English); "{org}" and "{venue}" are filled in.
TITLES = {
    "meeting": [
        ("Встреча: {org}", "Кездесу: {org}", "Meeting: {org}"),
        ("Переговоры в узком составе", "Шағын құрамдағы келіссөздер", "Talks in restricted format"),
        ("Рабочее совещание: {org}", "Жұмыс кеңесі: {org}", "Working meeting: {org}"),
        ("Бизнес-форум", "Бизнес-форум", "Business forum"),
    ],
    "ceremony": [
        ("Возложение цветов", "Гүл шоқтарын қою", "Wreath laying"),
        (
            "Подписание соглашения о сотрудничестве",
            "Ынтымақтастық туралы келісімге қол қою",
            "Signing of the cooperation agreement",
        ),
        ("Торжественное открытие", "Салтанатты ашылу", "Opening ceremony"),
    ],
    "concert": [
        (
            "Концерт творческих коллективов",
            "Шығармашылық ұжымдардың концерті",
            "Concert of the ensembles",
        ),
        ("Спектакль", "Спектакль", "Performance"),
    ],
    "excursion": [
        ("Экскурсия: {venue}", "Экскурсия: {venue}", "Tour: {venue}"),
        ("Посещение: {venue}", "Бару: {venue}", "Visit: {venue}"),
    ],
    "meal": [
        ("Завтрак", "Таңғы ас", "Breakfast"),
        ("Рабочий обед", "Жұмыс түскі асы", "Working lunch"),
        (
            "Ужин от имени акима области",
            "Облыс әкімі атынан кешкі ас",
            "Dinner hosted by the Regional Akim",
        ),
    ],
    "transfer": [("Переезд: {venue}", "Көшу: {venue}", "Transfer: {venue}")],
    "press": [
        ("Подход к прессе", "Баспасөзге түсініктеме", "Press statement"),
        ("Брифинг для СМИ", "БАҚ үшін брифинг", "Media briefing"),
    ],
    "other": [("Свободное время", "Бос уақыт", "Free time")],
}
# How often each kind comes, out of 100.
KIND_WEIGHTS = {
    "meeting": 35,
    "ceremony": 6,
    "concert": 4,
    "excursion": 14,
    "meal": 15,
    "transfer": 16,
    "press": 6,
    "other": 4,
}
PLENARY = (
    "Переговоры в расширенном составе",
    "Кеңейтілген құрамдағы келіссөздер",
    "Talks in extended format",
)
DRESS_CODE = ("Деловой костюм", "Іскерлік костюм", "Business attire")
DESCRIPTION = (
    "Согласно протоколу; состав участников уточняется.",
    "Хаттамаға сәйкес; қатысушылар құрамы нақтыланады.",
    "As per protocol; the list of participants is being confirmed.",
)
