//! Flen's commitments as the seed page publishes them, typed here independently of
//! `data/flen/`, so the tests catch a transcription error there.

pub const TOGETHER_2021: [&str; 3] = [
    "Polisen och kommunen lovar att tillsammans utveckla arbetet som syftar till att tidigt bryta ungdomars väg in i missbruk och kriminalitet.",
    "Polisen och kommunen lovar att tillsammans arbeta för att öka den upplevda tryggheten i offentliga miljöer.",
    "Polisen och kommunen lovar att arbeta med åtgärder för att minska störning från motorfordon på de tider och platser som problemen är störst.",
];
pub const POLICE_2021: [&str; 3] = [
    "att bedriva ett aktivt arbete mot narkotika i Flens kommun och specifikt jobba för att minska öppen droghandel.",
    "att polisen ska öka patrullering till fots eller på cykel på de platser som Flens invånare känner sig otrygga eller är utsatta för brott.",
    "att polisen kommer att genomföra minst 100 trafikkontroller enligt 20-minuters metoden med ambitionen att öka närvaron i kransorterna med trafikarbetet.",
];
pub const MUNICIPALITY_2021: [&str; 6] = [
    "att fortsätta stärka samverkan med föreningslivet i enlighet med Idrottspolitiska programmet, med målet att erbjuda alla ungdomar meningsfulla aktiviteter på fritiden.",
    "att i samverkan med civilsamhället arbeta för ökad vuxennärvaro på platser där unga finns.",
    "att utveckla sitt arbete med att erbjuda föräldraskapsstödjande insatser till vårdnadshavare.",
    "att arbeta för att skapa en trygg förskola och skola fri från kränkningar och våldsuttryck.",
    "att arbeta förebyggande enligt handlingsplanen för våld i nära relationer och hedersrelaterat våld och förtryck.",
    "att bedriva ett förebyggande arbete kring alkohol, narkotika, tobak och doping utifrån den lokala ANDT-handlingsplanen.",
];

pub const TOGETHER_2020: [&str; 2] = [
    "Polisen och kommunen lovar att tillsammans utveckla arbetet som syftar till att tidigt bryta ungdomars väg in i missbruk och kriminalitet (t. ex. arbetsgrupper med polis, skola och soc för barn i riskzon, gemensamma orosbesök, ANDT-utbildningsinsatser i skolan).",
    "Polisen och kommunen lovar att tillsammans genomföra minst fyra trygghetsvandringar under 2020.",
];
pub const POLICE_2020: [&str; 3] = [
    "att bedriva ett aktivt arbete mot narkotika och öppen droghandel i lokalsamhället",
    "att polisen genom synlighet och återkommande fotpatrull (enligt 15 minuters metoden) i Flens centrum ska skapa trygghet och förebygga brott.",
    "att polisen kommer att genomföra minst 100 trafikkontroller enligt 20-minuters metoden i Flens kommun.",
];
pub const MUNICIPALITY_2020: [&str; 8] = [
    "att fortsätta stärka samverkan med föreningslivet i enlighet med Idrottspolitiska programmet, med målet att erbjuda alla ungdomar organiserade aktiviteter på fritiden.",
    "att fortsätta sitt arbete med att erbjuda föräldraskapsstödjande insatser till vårdnadshavare.",
    "att fortsätta med konceptet Trygg vuxen 2.0 som ska fokusera på områden där unga finns. Minst 50 Trygg vuxen-aktiviteter ska äga rum under 2020.",
    "att arbeta aktivt med förebyggande arbete kring alkohol, narkotika, tobak och doping utifrån den lokala ANDT-handlingsplanen.",
    "att fortsätta sitt aktiva arbete med tillsyn av alkohol och tobak.",
    "att ta fram en handlingsplan för våld i nära relationer och hedersrelaterat våld och förtryck.",
    "att arbeta aktivt med att skapa trygga offentliga miljöer för att öka den upplevda tryggheten.",
    "att vidta åtgärder för att minska möjligheten till felbeteende i trafiken i form av hastighetsöverträdelser på de vägar där kommunen har ansvar.",
];

pub fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}
