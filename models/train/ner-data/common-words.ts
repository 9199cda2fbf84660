// Everyday English words (hand-written lists). faker's word lists lean to rare words
// ("cantaloupe", "swanling"); these are the words real messages and prose are made of.

export const COMMON_NOUNS = `time year people way day man woman child world life hand part place case week company system
program question work government number night point home water room mother area money story fact month lot right study
book eye job word business issue side kind head house service friend father power hour game line end member law car city
community name president team minute idea kid body information back parent face others level office door health person
art war history party result change morning reason research girl guy moment air teacher force education foot boy age
policy music market sense nation plan college interest death experience effect use class control care field development
role effort rate heart drug show leader light voice wife police mind price report decision son view relationship town
road arm difference value building action model season society tax director position player record paper space ground
form event official matter center couple site project activity star table need court oil situation cost industry figure
street image phone data picture practice piece land product doctor wall patient worker news test movie north love support
technology step baby computer type attention film tree source organization hair window evidence population site stage
song album band concert guitar drum lyrics chorus verse singer fan ticket tour stadium festival radio station record
helicopter flight airport train bus taxi bicycle engine wheel battery screen keyboard mouse printer cable router
account card bank loan payment invoice refund receipt balance transfer fee charge deposit statement branch
order package parcel delivery shipment box item size colour color fabric shirt jacket shoe dress bag bottle glass
cup plate kitchen garden bedroom bathroom roof floor window fence neighbour neighbor village farm forest river lake
mountain island beach ocean desert valley hill storm rain snow wind sun moon sky weather summer winter spring autumn
breakfast lunch dinner coffee tea bread cheese chicken salad soup fruit apple orange banana sugar salt recipe
meeting email message letter call reply request complaint feedback review rating comment question answer problem
error bug crash update version release feature setting password login username profile network server database file
folder document spreadsheet slide chart graph report summary draft note list schedule calendar deadline agenda
manager employee colleague customer client supplier vendor partner owner tenant landlord guest visitor stranger
teenager musician journalist publisher salesperson engineer lawyer nurse farmer soldier pilot driver chef artist`.split(/\s+/);

export const COMMON_VERBS = `be have do say go get make know think take see come want look use find give tell work call try ask need
feel become leave put mean keep let begin seem help talk turn start show hear play run move like live believe hold bring
happen write provide sit stand lose pay meet include continue set learn change lead understand watch follow stop create
speak read allow add spend grow open walk win offer remember love consider appear buy wait serve die send expect build
stay fall cut reach kill remain suggest raise pass sell require report decide pull return explain hope develop carry
break receive agree support hit produce eat cover catch draw choose cause point listen realize place close involve
increase argue sing dance cook clean drive fly travel visit book cancel order ship deliver refund charge block borrow
lend save share post upload download install update delete restart fix test check review approve reject sign print
scan email text reply forward join attend miss enjoy hate prefer worry complain apologize thank welcome celebrate`.split(/\s+/);

export const COMMON_ADJECTIVES = `good new first last long great little own other old right big high different small large next early young
important few public bad same able late hard major better economic strong possible whole free military true federal
international full special easy clear recent certain personal open red difficult available likely short single medical
current wrong private past foreign fine common poor natural significant similar hot dead central happy serious ready
simple left physical general environmental financial blue democratic dark various entire close legal religious cold
final main green nice huge popular traditional cultural brilliant awful lovely terrible
beautiful boring busy cheap expensive quiet loud angry calm tired hungry friendly rude polite broken damaged missing
late slow fast safe dangerous healthy sick warm cool strange funny weird famous unknown online offline monthly weekly
daily annual empty useful useless wonderful excellent horrible confusing helpful careful honest`.split(/\s+/);

export const COMMON_ADVERBS = `also very often however too usually really early never always sometimes together likely simply generally
instead actually again rather almost especially ever quickly probably already below directly therefore else thus easily
eventually exactly certainly normally currently extremely finally constantly properly slowly honestly apparently
surprisingly unfortunately luckily definitely`.split(/\s+/);
