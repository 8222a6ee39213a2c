metadata description = 'Access of the app identity to an existing Azure OpenAI (or Azure AI services) account: the Cognitive Services OpenAI User role, which lets it call deployments and nothing else. Deployed only when an account is named.'

@description('Name of the Azure OpenAI account, in the resource group this module is deployed to.')
param accountName string

@description('Resource id of the app identity: names the role assignment (known before deployment, so What-If can predict it).')
param identityResourceId string

@description('Principal (object) id of the app identity.')
param principalId string

@description('Built-in role Cognitive Services OpenAI User (stable across tenants).')
var openAiUserRole = '5e0bd9bd-7b93-4f28-af87-19fc36ad61bd'

resource account 'Microsoft.CognitiveServices/accounts@2024-10-01' existing = {
  name: accountName
}

resource appOpenAiUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(account.id, identityResourceId, openAiUserRole)
  scope: account
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', openAiUserRole)
  }
}

@description('Endpoint of the account, e.g. https://my-resource.openai.azure.com/.')
output endpoint string = account.properties.endpoint
