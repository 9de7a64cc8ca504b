import type { DictionaryOf } from '../dictionary';
import type { share as en } from '../en/share';

export const share: DictionaryOf<typeof en> = {
  shareDialog: {
    title: 'Deze werkruimte delen',
    bothIntro: 'Twee links openen deze werkruimte: een om haar te wijzigen, een om haar alleen te lezen. Stuur elke link alleen naar de mensen voor wie hij bedoeld is.',
    viewIntro: 'Deze browser kan deze werkruimte alleen bekijken: ze is geopend met de leeslink. U kunt die link doorgeven.',
    oldIntro: 'Stuur deze link naar de partnersteden. Wie hem heeft, kan de werkruimte openen en bewerken.',
    privacy: 'Delen werkt van browser tot browser: geen server bewaart een kopie van de werkruimte, en de sleutel na {{ hash }} verlaat de browsers nooit.',
    privacySealed: 'Delen werkt van browser tot browser: geen server kan de werkruimte lezen, en de sleutel na {{ hash }} verlaat de browsers nooit.',
    keepers: {
      one: 'De link bevat de bewaarder van deze werkruimte ({{ keepers }}): die houdt de werkruimte verzegeld bij tussen verbindingen en kan haar niet lezen.',
      other: 'De link bevat de bewaarders van deze werkruimte ({{ keepers }}): zij houden de werkruimte verzegeld bij tussen verbindingen en kunnen haar niet lezen.',
    },
    link: 'Link van de werkruimte',
    editLink: 'Bewerklink',
    editAllows: 'Partners met deze link kunnen alles lezen en wijzigen. Geef hem alleen aan leden van de groep.',
    viewLink: 'Leeslink',
    viewAllows: 'Partners met deze link kunnen alles lezen, wijzigingen live volgen, exporteren en afdrukken, maar niets wijzigen. Voor een nationaal forum, een contactpersoon, de medewerkers van het netwerk.',
    copied: 'Gekopieerd',
    copy: 'Link kopiëren',
    copyEdit: 'Bewerklink kopiëren',
    copyView: 'Leeslink kopiëren',
    onlyWith: 'Deel hem alleen met mensen die alles in deze werkruimte mogen zien en bewerken.',
    noViewLinkYet: 'Deze werkruimte is gemaakt vóór de leeslinks en heeft dus één link voor iedereen. Een leeslink komt zodra de groep overstapt op nieuwe links.',
    close: 'Sluiten',
  },
  replaceLinks: {
    title: 'Links intrekken',
    titleOld: 'Overstappen op bewerk- en leeslinks',
    explain: 'Als een link terecht is gekomen waar hij niet hoort, vervang dan beide links. De werkruimte gaat over op nieuwe links: wie een oude opent, krijgt niets nieuws meer en hoort dat hij is vervangen.',
    explainOld: 'Vervang de ene link van deze werkruimte door een bewerklink en een leeslink. Wie daarna de huidige link opent, krijgt niets nieuws meer en hoort dat hij is vervangen.',
    button: 'Links vervangen…',
    buttonOld: 'Link vervangen…',
    moveMembers: 'Leden met de bewerklink bij hun volgende verbinding meenemen.',
    moveMembersHint: 'Laat dit aan, tenzij de bewerklink zelf verkeerd terecht is gekomen; stuur dan zelf de nieuwe bewerklink naar elk lid.',
    confirmText: 'Links nu vervangen? De links die u tot nu toe deelde, brengen niets nieuws meer.',
    confirm: 'Links vervangen',
    cancel: 'Annuleren',
    done: 'De links zijn vervangen. Deel hieronder de nieuwe.',
    failed: 'De links konden niet worden vervangen. Er is niets gewijzigd; probeer het opnieuw.',
  },
};
